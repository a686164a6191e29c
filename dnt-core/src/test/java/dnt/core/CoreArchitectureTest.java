package dnt.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of dnt-core (docs/ARCHITECTURE.md), checked on the module's own main
 * classes:
 *
 * <ul>
 *   <li>no package cycles;
 *   <li>no dependency on the command line, web servers, Pekko or plotting;
 *   <li>{@code dnt.core.util} depends on nothing else in {@code dnt.core}.
 * </ul>
 */
final class CoreArchitectureTest {
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
            .importPackages("dnt.core");
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
  void utilDependsOnNothingElseInCore() {
    noClasses()
        .that()
        .resideInAPackage("dnt.core.util..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dnt.core..").and(not(resideInAPackage("dnt.core.util.."))))
        .check(classes);
  }
}
