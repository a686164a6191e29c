package dnt.data;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of dnt-data (docs/ARCHITECTURE.md), checked on the module's own main
 * classes:
 *
 * <ul>
 *   <li>no package cycles;
 *   <li>no dependency on the command line, web servers, Pekko or plotting.
 * </ul>
 */
final class DataArchitectureTest {
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
            .importPackages("dnt.data");
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dnt.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void dependsOnNoCommandLineWebActorOrPlottingPackage() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(FRONT_END).check(classes);
  }
}
