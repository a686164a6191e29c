package dnt.data.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled metadata lists the 62 daily files, and verification refuses what does not match. */
final class DataverseMetadataTest {
  @Test
  void theBundledMetadataListsAll62DailyFiles() {
    DataverseMetadata m = DataverseMetadata.load();
    assertThat(m.entries()).hasSize(62);
    DataverseMetadata.Entry first = m.entries().get("sms-call-internet-mi-2013-11-01.txt");
    assertThat(first.md5()).isEqualTo("658c49f8e3c7910bd3bb2bafbf62cdce");
    assertThat(first.bytes()).isEqualTo(322_874_887L);
    assertThat(m.entries().values().stream().mapToLong(DataverseMetadata.Entry::bytes).sum())
        .isEqualTo(20_804_803_507L);
  }

  @Test
  void aWrongChecksumOrAnUnlistedFileIsRefused() {
    DataverseMetadata m = DataverseMetadata.load();
    Path day = Path.of("data", "sms-call-internet-mi-2013-11-01.txt.gz");
    m.verify(day, "658C49F8E3C7910BD3BB2BAFBF62CDCE");
    assertThatThrownBy(() -> m.verify(day, "00000000000000000000000000000000"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fails verification");
    assertThatThrownBy(() -> m.verify(Path.of("chunk_sample.txt"), "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not one of the 62 files");
  }
}
