package dnt.learn.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lint half of -Werror for {@code dnt.learn.simd.vector}: dnt-learn's {@code vector} compiler
 * execution cannot use -Werror (javac 17 warns about any incubating module, a warning no lint key
 * turns off; dnt-learn/pom.xml), so this compiles those sources again with {@code -Xlint:all} and
 * fails on any warning or error except that one.
 */
final class SimdSourcesLintTest {
  @TempDir Path out;

  @Test
  void theVectorSourcesHaveNoWarningButTheIncubatorOne() throws IOException {
    Path sources = Path.of("src/main/java/dnt/learn/simd/vector");
    List<Path> files;
    try (Stream<Path> s = Files.list(sources)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
    assertThat(files).isNotEmpty();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok;
    try (StandardJavaFileManager manager = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      List<String> options =
          List.of(
              "--release",
              "17",
              "--add-modules",
              "jdk.incubator.vector",
              "-Xlint:all",
              "-proc:none",
              "-cp",
              System.getProperty("java.class.path"),
              "-d",
              out.toString());
      ok =
          javac
              .getTask(
                  null,
                  manager,
                  diagnostics,
                  options,
                  null,
                  manager.getJavaFileObjectsFromPaths(files))
              .call();
    }
    List<String> codes =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
            .map(d -> d.getCode() + ": " + d.getMessage(Locale.ROOT))
            .collect(Collectors.toList());
    assertThat(ok).as(codes.toString()).isTrue();
    assertThat(codes)
        .containsExactly(
            "compiler.warn.incubating.modules: using incubating module(s): jdk.incubator.vector");
  }
}
