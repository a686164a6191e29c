package dnt.caching.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.Registry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered trace format: what it writes reads back as the same keys, and a missing file is
 * bad input. A new format is covered without a new case.
 */
final class TraceFormatContractTest {
  @TempDir Path dir;

  @Test
  void everyWritableFormatReadsBackWhatItWrote() throws IOException {
    long[] keys = {4, 0, 4, 2_000_000_000, 17, 4, 0};
    int writable = 0;
    for (Registry.Entry<TraceFormats.Format> e : TraceFormats.FORMATS.entries()) {
      TraceFormats.KeyWriter writer = e.factory().writer();
      if (writer == null) {
        continue;
      }
      writable++;
      Path f = dir.resolve("t." + e.name());
      try (OutputStream out = Files.newOutputStream(f)) {
        writer.write(BinaryKeysTest.keys(keys), out);
      }
      try (KeyStream back = e.factory().opener().open(f)) {
        assertThat(back.count()).as(e.name()).isEqualTo(keys.length);
        assertThat(back.minKey()).as(e.name()).isZero();
        assertThat(back.maxKey()).as(e.name()).isEqualTo(2_000_000_000);
        assertThat(KeyTraceReadersTest.readAll(back)).as(e.name()).containsExactly(keys);
      }
    }
    assertThat(writable).isEqualTo(3); // csv, lirs, binary; arc is read only
  }

  @Test
  void everyFormatRefusesAMissingFile() {
    for (Registry.Entry<TraceFormats.Format> e : TraceFormats.FORMATS.entries()) {
      Path none = dir.resolve("none." + e.name());
      assertThatThrownBy(() -> e.factory().opener().open(none))
          .as(e.name())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("none." + e.name());
    }
  }
}
