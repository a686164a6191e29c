package dnt.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt serve --journal-key-file}: each mistake is refused with exit 2 in one sentence naming
 * the option, before the state folder is touched. Opening a journal with the wrong key, or without
 * one, is dnt-live's JournalEncryptionTest.
 */
final class JournalKeyOptionTest {
  @TempDir Path dir;

  private CliRun serve(String... more) {
    String[] base = {"serve", "--port", "0", "--state", dir.resolve("state").toString()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.of(all);
  }

  private static void refused(CliRun r, String start) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith(start).doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void aMissingKeyFileIsRefused() {
    refused(
        serve("--journal-key-file", dir.resolve("none.key").toString()),
        "dnt: --journal-key-file: cannot read the password file");
    assertThat(dir.resolve("state")).doesNotExist();
  }

  @Test
  void aKeyWithWhiteSpaceIsRefusedWithoutPrintingIt() throws Exception {
    Path key = Files.writeString(dir.resolve("j.key"), "two words\n");
    CliRun r = serve("--journal-key-file", key.toString());
    refused(r, "dnt: --journal-key-file: the journal key is empty or holds white space");
    assertThat(r.err()).doesNotContain("two words");
    assertThat(dir.resolve("state")).doesNotExist();
  }

  @Test
  void aKeyForAnExternalJournalIsRefused() throws Exception {
    Path key = Files.writeString(dir.resolve("j.key"), "s3cret\n");
    refused(
        serve(
            "--journal-url",
            "jdbc:postgresql://localhost/dnt",
            "--journal-key-file",
            key.toString()),
        "dnt: --journal-key-file: a journal key encrypts only the embedded H2 journal");
  }
}
