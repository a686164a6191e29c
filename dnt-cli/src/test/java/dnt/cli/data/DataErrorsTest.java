package dnt.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import dnt.data.milan.BundledData;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data commands keep the exit-code contract on bad input and bad paths (status 2, the file
 * named, no stack trace), leave no partial output when they fail, and tell the truth about what a
 * store holds: a day ingested twice is refused (not doubled), a range outside the store is refused,
 * a gap is reported.
 */
final class DataErrorsTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static final Path SAMPLE = BundledData.file(BundledData.RAW_SAMPLE);

  @TempDir Path dir;

  private static void assertBadInput(CliRun r, String... named) {
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    List<String> lines = r.err().lines().toList();
    // Progress lines may come first; the error is one sentence on the last line.
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(lines.size() - 1)).startsWith("dnt: ").contains(named);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  private List<String> leftovers() throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).toList();
    }
  }

  private String store() throws Exception {
    String store = dir.resolve("s.duckdb").toString();
    assertThat(run("data", "ingest", SAMPLE.toString(), "--store", store).status()).isZero();
    return store;
  }

  @Test
  void aDayIngestedTwiceIsRefusedNamingBothFilesAndLeavesTheStoreAsItWas() throws Exception {
    String store = store();
    String once = run("data", "info", "--store", store).out();
    Path copy = Files.copy(SAMPLE, dir.resolve("another-name.txt"));
    CliRun again = run("data", "ingest", copy.toString(), SAMPLE.toString(), "--store", store);
    assertBadInput(again, copy.toString(), SAMPLE.toAbsolutePath().toString(), "71 of its slots");
    assertThat(run("data", "info", "--store", store).out()).isEqualTo(once);
    // The same file again is skipped, not refused.
    CliRun same = run("data", "ingest", SAMPLE.toString(), "--store", store);
    assertThat(same.status()).isZero();
    assertThat(same.out()).contains("0 ingested, 1 already in the store");
    assertThat(run("data", "info", "--store", store).out()).isEqualTo(once);
  }

  @Test
  void aTruncatedGzipABinaryFileAndAFolderAreBadInputNamingTheFile() throws Exception {
    Path gz = dir.resolve("in/day.txt.gz");
    Files.createDirectories(gz.getParent());
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(SAMPLE, o);
    }
    byte[] bytes = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path store = dir.resolve("out/s.duckdb");
    assertBadInput(
        run("data", "ingest", gz.toString(), "--store", store.toString()), gz.toString());
    Path binary = dir.resolve("in/binary.txt");
    byte[] noise = new byte[4096];
    new java.util.Random(1).nextBytes(noise);
    noise[0] = '7'; // looks like a data row at first
    Files.write(binary, noise);
    assertBadInput(
        run("data", "ingest", binary.toString(), "--store", store.toString()), binary.toString());
    Files.delete(binary);
    Files.delete(gz);
    Path folderAsStore = Files.createDirectories(dir.resolve("in/folder.duckdb"));
    assertBadInput(
        run("data", "ingest", SAMPLE.toString(), "--store", folderAsStore.toString()),
        folderAsStore.toString());
    assertBadInput(run("data", "info", "--store", folderAsStore.toString()), "is a folder");
    Files.delete(folderAsStore);
    Path notAStore = Files.write(dir.resolve("in/x.duckdb"), noise);
    assertBadInput(run("data", "info", "--store", notAStore.toString()), notAStore.toString());
    Files.delete(notAStore);
    // No store, no folder, no temporary file left behind by the failed ingests.
    assertThat(leftovers()).containsExactly("in");
  }

  @Test
  void exportRefusesAnExistingOutputUnlessForcedAndAnUnwritableOne() throws Exception {
    String store = store();
    Path out = Files.writeString(dir.resolve("o.csv"), "keep");
    assertBadInput(run("data", "export", "--store", store, "--out", out.toString()), "--force");
    assertThat(Files.readString(out)).isEqualTo("keep");
    CliRun forced = run("data", "export", "--store", store, "--out", out.toString(), "--force");
    assertThat(forced.status()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(72).first().isEqualTo(ExportHeader.HEADER);
    Path locked = Files.createDirectories(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      if (!Files.isWritable(locked)) { // root may write anywhere: nothing to check then
        Path target = locked.resolve("o.csv");
        assertBadInput(
            run("data", "export", "--store", store, "--out", target.toString()), target.toString());
        assertThat(Files.exists(target)).isFalse();
      }
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    if (Files.isDirectory(Path.of("/proc"))) { // a folder nobody can create files in, root included
      assertBadInput(
          run("data", "export", "--store", store, "--out", "/proc/dnt-export.csv"),
          "/proc/dnt-export.csv");
    }
    assertBadInput(
        run("data", "export", "--store", dir.resolve("none.duckdb").toString(), "--out", "x.csv"),
        "no store at");
    assertBadInput(
        run("data", "export", "--store", store, "--out", dir.toString(), "--force"), "is a folder");
  }

  @Test
  void exportRefusesARangeOutsideTheStoreAndAMidHourStart() throws Exception {
    String store = store();
    Path out = dir.resolve("o.csv");
    CliRun outside =
        run(
            "data",
            "export",
            "--store",
            store,
            "--from",
            "2013-11-05",
            "--to",
            "2013-11-06",
            "--out",
            out.toString());
    assertBadInput(outside, "outside the store", "2013-11-01T00:00+01:00 .. ");
    CliRun midHour =
        run(
            "data",
            "export",
            "--store",
            store,
            "--from",
            "2013-11-01T01:10",
            "--to",
            "2013-11-01T03:00",
            "--resolution",
            "hour",
            "--out",
            out.toString());
    assertBadInput(midHour, "2013-11-01T01:10+01:00 is not the start of an hour");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void aGapInsideTheStoreIsReportedOnStderrAndLeftOut() throws Exception {
    long t0 = 1_383_260_400_000L;
    Path day =
        Files.writeString(
            dir.resolve("gap.txt"), "1\t" + t0 + "\t39\t1\n1\t" + (t0 + 3 * 600_000) + "\t39\t2\n");
    String store = dir.resolve("g.duckdb").toString();
    assertThat(run("data", "ingest", day.toString(), "--store", store).status()).isZero();
    Path out = dir.resolve("o.csv");
    CliRun r = run("data", "export", "--store", store, "--out", out.toString());
    assertThat(r.status()).isZero();
    assertThat(r.err())
        .contains("2 slots in 1 gaps were never ingested")
        .contains("2013-11-01T00:10+01:00 .. 2013-11-01T00:30+01:00 (2 slots)");
    assertThat(Files.readAllLines(out))
        .containsExactly(
            ExportHeader.HEADER,
            "1," + t0 + ",1.0,0.0,0.0,0.0,0.0",
            "1," + (t0 + 3 * 600_000) + ",2.0,0.0,0.0,0.0,0.0");
    assertThat(run("data", "info", "--store", store).out()).contains("gaps:          2 slots");
  }

  @Test
  void synthRefusesToOverwriteAndToWriteIntoAFile() throws Exception {
    Path out = dir.resolve("synth");
    assertThat(
            run("data", "synth", "--cells", "2", "--days", "1", "--out", out.toString()).status())
        .isZero();
    Path day = out.resolve("synthetic-sms-call-internet-mi-2013-11-01.txt");
    byte[] first = Files.readAllBytes(day);
    assertBadInput(
        run("data", "synth", "--cells", "2", "--days", "1", "--seed", "5", "--out", out.toString()),
        day.toString(),
        "--force");
    assertThat(Files.readAllBytes(day)).isEqualTo(first);
    CliRun forced =
        run(
            "data",
            "synth",
            "--cells",
            "2",
            "--days",
            "1",
            "--seed",
            "5",
            "--force",
            "--out",
            out.toString());
    assertThat(forced.status()).isZero();
    assertThat(Files.readAllBytes(day)).isNotEqualTo(first);
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactly(day.getFileName().toString());
    }
    assertBadInput(
        run("data", "synth", "--cells", "2", "--days", "1", "--out", day.toString()),
        day.toString(),
        "is a file");
  }
}
