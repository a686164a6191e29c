package dnt.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of ARCHITECTURE.md: arrows point down only (cli -> experiments -> learn,
 * caching, data -> core), and the domain core knows nothing of ML, storage, CLI, web or plots.
 */
final class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dnt");
  }

  @Test
  void coreDependsOnNoOtherModuleAndNoFrontEndOrMlLibrary() {
    noClasses()
        .that()
        .resideInAPackage("dnt.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.data..",
            "dnt.learn..",
            "dnt.caching..",
            "dnt.experiments..",
            "dnt.cli..",
            "picocli..",
            "ai.djl..",
            "org.duckdb..",
            "java.sql..",
            "org.jfree..",
            "java.awt..",
            "javax.swing..",
            "io.javalin..")
        .check(classes);
  }

  @Test
  void dataDependsOnlyOnCore() {
    noClasses()
        .that()
        .resideInAPackage("dnt.data..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.learn..",
            "dnt.caching..",
            "dnt.experiments..",
            "dnt.cli..",
            "picocli..",
            "ai.djl..",
            "org.jfree..",
            "java.awt..")
        .check(classes);
  }

  @Test
  void learningAndCachingDoNotReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage("dnt.learn..", "dnt.caching..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.experiments..", "dnt.cli..", "picocli..", "org.jfree..", "java.awt..")
        .check(classes);
  }

  @Test
  void learningAndCachingAreIndependent() {
    noClasses()
        .that()
        .resideInAPackage("dnt.learn..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dnt.caching..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dnt.caching..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dnt.learn..")
        .check(classes);
  }

  @Test
  void experimentsDoNotKnowTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dnt.experiments..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dnt.cli..", "picocli..")
        .check(classes);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    // every package is a slice: a cycle between any two packages of any module fails
    slices().matching("dnt.(**)").should().beFreeOfCycles().check(classes);
  }
}
