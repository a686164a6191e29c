package dnt.benchmarks;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of benchmarks (docs/ARCHITECTURE.md), checked on the module's own main
 * classes: no package cycles.
 */
final class BenchmarksArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dnt.benchmarks");
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dnt.(**)").should().beFreeOfCycles().check(classes);
  }
}
