package dnt.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.experiments.settings.SettingsYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder holds the manifest and the effective config. */
final class ResultsRunTest {
  @Test
  void writesManifestAndConfigWithInputChecksums(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("in.txt");
    Files.writeString(input, "abc");
    ResultsRun run = ResultsRun.start(tmp.resolve("results"), "demo", 42, 3);
    run.settings(SettingsYaml.tree(java.util.Map.of("rounds", 10)), List.of("a comment"))
        .config("parameters", 123)
        .input(input)
        .note("synthetic data");
    RunManifest m = run.finish("test");
    assertThat(run.dir()).startsWith(tmp.resolve("results").resolve("demo"));
    assertThat(Files.readString(run.file("manifest.json"))).contains("\"seed\" : 42");
    assertThat(Files.readString(run.file("config.yaml"))).isEqualTo("# a comment\nrounds: 10\n");
    assertThat(m.config()).containsEntry("rounds", "10").doesNotContainKey("parameters");
    assertThat(m.facts()).containsEntry("parameters", "123");
    // every path in the manifest is absolute, whatever the working directory
    assertThat(Path.of(m.runDir())).isAbsolute().isEqualTo(run.dir().toAbsolutePath().normalize());
    assertThat(Path.of(m.inputs().get(0).path())).isAbsolute();
    // SHA-256("abc"), a standard test vector
    assertThat(m.inputs().get(0).sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aRelativeInputPathIsRecordedAbsolute(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("in.txt");
    Files.writeString(input, "abc");
    Path relative = Path.of("").toAbsolutePath().relativize(input);
    ResultsRun run = ResultsRun.start(tmp.resolve("results"), "demo", 1, 1);
    RunManifest m = run.input(relative).finish("test");
    assertThat(m.inputs().get(0).path()).isEqualTo(input.toAbsolutePath().normalize().toString());
  }

  @Test
  void aRunThatFailsBeforeFinishLeavesNothingBehind(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("results");
    try (ResultsRun run = ResultsRun.start(root, "demo", 1, 1)) {
      Files.writeString(run.file("metrics.csv"), "half a table");
      // the failure: no finish
    }
    assertThat(root.resolve("demo")).doesNotExist();
  }

  @Test
  void aFinishedRunIsMovedIntoPlaceWithNoPartialFolderLeft(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("results");
    Path dir;
    try (ResultsRun run = ResultsRun.start(root, "demo", 1, 1)) {
      Files.writeString(run.file("metrics.csv"), "a,b\n");
      assertThat(run.dir().getFileName().toString()).startsWith(".").endsWith(".partial");
      run.finish("test");
      dir = run.dir();
    }
    try (var s = Files.list(root.resolve("demo"))) {
      assertThat(s.toList()).containsExactly(dir);
    }
    assertThat(dir.resolve("metrics.csv")).hasContent("a,b");
    assertThat(dir.resolve("manifest.json")).content().contains(dir.getFileName().toString());
  }

  @Test
  void twoRunsInTheSameSecondGetDistinctFolders(@TempDir Path tmp) {
    ResultsRun a = ResultsRun.start(tmp, "x", 1, 1);
    ResultsRun b = ResultsRun.start(tmp, "x", 1, 1);
    assertThat(a.dir()).isNotEqualTo(b.dir());
  }

  @Test
  void theCommitIsReadFromACheckoutAndFromALinkedWorktree(@TempDir Path tmp) throws Exception {
    String main = "0123456789abcdef0123456789abcdef01234567";
    String branch = "89abcdef0123456789abcdef0123456789abcdef";
    // a checkout: .git/HEAD names a branch whose ref is a loose file
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve(".git/refs/heads"));
    Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(repo.resolve(".git/refs/heads/main"), main + "\n");
    assertThat(ResultsRun.gitCommit(repo)).isEqualTo(main);
    // a linked worktree: .git is a file naming the worktree's folder, whose HEAD names a branch
    // kept in the common folder's packed refs
    Path wt = tmp.resolve("wt");
    Path wtGit = repo.resolve(".git/worktrees/wt");
    Files.createDirectories(wt);
    Files.createDirectories(wtGit);
    Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
    Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/topic\n");
    Files.writeString(wtGit.resolve("commondir"), "../..\n");
    Files.writeString(repo.resolve(".git/packed-refs"), branch + " refs/heads/topic\n");
    assertThat(ResultsRun.gitCommit(wt)).isEqualTo(branch);
    assertThat(ResultsRun.gitCommit(tmp.resolve("nothing"))).isEqualTo("unknown");
  }
}
