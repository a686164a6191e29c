package dnt.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Strict compilation (docs/ARCHITECTURE.md): NullAway checks only {@code @NullMarked} code, so a
 * package of main code without {@code @NullMarked} on its {@code package-info.java} would silently
 * escape it. Checked on the sources of every module, found from the repository root.
 */
final class NullMarkedPackagesTest {
  private static final Pattern NULL_MARKED_PACKAGE =
      Pattern.compile("(?m)^@NullMarked\\s+package [\\w.]+;");

  @Test
  void everyMainPackageIsNullMarked() throws IOException {
    Path repo = Path.of(System.getProperty("dnt.repo.dir", ".."));
    List<Path> packages = mainPackages(repo);
    assertFalse(packages.isEmpty(), "no src/main/java packages found under " + repo);
    List<String> unmarked =
        packages.stream()
            .filter(dir -> !isNullMarked(dir.resolve("package-info.java")))
            .map(dir -> repo.relativize(dir).toString())
            .toList();
    assertEquals(List.of(), unmarked, "packages without @NullMarked on their package-info.java");
  }

  /** The folders under some module's {@code src/main/java} that hold Java sources. */
  private static List<Path> mainPackages(Path repo) throws IOException {
    try (Stream<Path> files = Files.walk(repo)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/main/java/"))
          .filter(f -> !f.toString().contains("/target/"))
          .map(Path::getParent)
          .distinct()
          .sorted()
          .toList();
    }
  }

  private static boolean isNullMarked(Path packageInfo) {
    if (!Files.isRegularFile(packageInfo)) {
      return false;
    }
    try {
      String text = Files.readString(packageInfo);
      return NULL_MARKED_PACKAGE.matcher(text).find()
          && text.contains("import org.jspecify.annotations.NullMarked;");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
