package dnt.learn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of dnt-learn (docs/ARCHITECTURE.md), checked on the module's own main
 * classes:
 *
 * <ul>
 *   <li>no package cycles;
 *   <li>no dependency on the command line, web servers, Pekko or plotting;
 *   <li>layers: {@code forecast} below {@code fl} below {@code robust}, {@code attack} and {@code
 *       privacy}; a lower package imports no upper one.
 * </ul>
 */
final class LearnArchitectureTest {
  /**
   * Packages a domain module must not use: the command line, web servers, the Pekko actor system
   * and plotting (they belong to dnt-experiments and dnt-cli).
   */
  private static final String[] FRONT_END = {
    "dnt.experiments..",
    "dnt.cli..",
    "picocli..",
    "io.javalin..",
    "com.sun.net.httpserver..",
    "jakarta.servlet..",
    "javax.servlet..",
    "org.eclipse.jetty..",
    "org.apache.pekko..",
    "akka..",
    "org.jfree..",
    "java.awt..",
    "javax.swing..",
    "javax.imageio..",
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dnt.learn");
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dnt.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void dependsOnNoCommandLineWebActorOrPlottingPackage() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(FRONT_END).check(classes);
  }

  @Test
  void forecastUsesNoUpperLayer() {
    noClasses()
        .that()
        .resideInAPackage("dnt.learn.forecast..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.learn.fl..", "dnt.learn.robust..", "dnt.learn.attack..", "dnt.learn.privacy..")
        .check(classes);
  }

  @Test
  void federatedLearningUsesNoUpperLayer() {
    noClasses()
        .that()
        .resideInAPackage("dnt.learn.fl..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dnt.learn.robust..", "dnt.learn.attack..", "dnt.learn.privacy..")
        .check(classes);
  }
}
