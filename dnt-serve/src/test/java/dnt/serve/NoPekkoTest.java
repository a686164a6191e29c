package dnt.serve;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The HTTP face talks to the twin through its plain-Java interface only, never to actors. */
final class NoPekkoTest {
  @Test
  void dntServeImportsNoPekko() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dnt.serve");
    noClasses()
        .that()
        .resideInAPackage("dnt.serve..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.pekko..", "akka..", "scala..")
        .check(classes);
  }
}
