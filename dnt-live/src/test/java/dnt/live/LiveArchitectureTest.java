package dnt.live;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the live twin (docs/live.md): the domain modules on dnt-live's class path know
 * nothing of Pekko, the public face {@code dnt.live} uses no Pekko type at all, the runtime does
 * not know the face, and no package cycle. dnt-cli's LayeringTest checks the domain rules for every
 * module once dnt-cli depends on dnt-live.
 */
final class LiveArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dnt");
  }

  @Test
  void domainModulesUseNoPekko() {
    noClasses()
        .that()
        .resideInAnyPackage("dnt.core..", "dnt.data..", "dnt.learn..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.pekko..", "com.typesafe.config..", "scala..")
        .check(classes);
  }

  @Test
  void thePublicFaceUsesNoPekkoType() {
    noClasses()
        .that()
        .resideInAnyPackage("dnt.live", "dnt.live.cluster")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.pekko..", "com.typesafe.config..", "scala..")
        .check(classes);
    noMethods()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("dnt.live")
        .and()
        .haveModifier(JavaModifier.PUBLIC)
        .should()
        .haveRawReturnType(
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                "dnt.live.runtime.."))
        .check(classes);
  }

  @Test
  void theRuntimeDoesNotKnowTheFace() {
    noClasses()
        .that()
        .resideInAPackage("dnt.live.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dnt.live")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dnt.(**)").should().beFreeOfCycles().check(classes);
  }
}
