package dnt.caching.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.core.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Reading and writing traces and associations, and the line-numbered errors on bad input. */
final class TraceCsvTest {
  private static Trace trace(String text) throws IOException {
    return TraceCsv.read(new StringReader(text), "T.csv");
  }

  @Test
  void aTraceRoundTripsThroughCsv() throws IOException {
    Trace t = trace("time,client,item\n0,1,10\n0.5,2,11\n2,1,10\n");
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.items()).containsExactly(10, 11, 10);
    StringWriter w = new StringWriter();
    TraceCsv.write(t, w);
    assertThat(w.toString()).isEqualTo("time,client,item\n0,1,10\n0.5,2,11\n2,1,10\n");
  }

  @Test
  void anUnsortedTraceNamesTheLine() {
    assertThatThrownBy(() -> trace("time,client,item\n1,0,1\n3,0,2\n2,0,3\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("T.csv line 4")
        .hasMessageContaining("time order");
  }

  @Test
  void malformedRowsNameTheLineAndField() {
    assertThatThrownBy(() -> trace("time,client,item\n1,0\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("expected 3 fields");
    assertThatThrownBy(() -> trace("time,client,item\n1,-3,4\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("client '-3'");
    assertThatThrownBy(() -> trace("time,client,item\nx,0,4\n")).hasMessageContaining("time 'x'");
    assertThatThrownBy(() -> trace("when,who,what\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> trace("")).hasMessageContaining("empty");
  }

  @Test
  void anAssociationKeepsHomeFirstAndRejectsAThirdStation() throws IOException {
    Topology topo =
        AssociationCsv.read(new StringReader("client,station\n0,2\n0,1\n1,0\n"), "A.csv");
    assertThat(topo.stationsOf(0)).containsExactly(2, 1);
    assertThat(topo.stationCount()).isEqualTo(3);
    assertThatThrownBy(
            () -> AssociationCsv.read(new StringReader("client,station\n0,0\n0,1\n0,2\n"), "A.csv"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("A.csv line 4")
        .hasMessageContaining("more than two");
  }

  @Test
  void aTraceClientMissingFromTheAssociationNamesTheTraceLine() throws IOException {
    Topology topo = AssociationCsv.read(new StringReader("client,station\n0,0\n"), "A.csv");
    Trace t = trace("time,client,item\n0,0,1\n1,7,1\n");
    assertThatThrownBy(() -> AssociationCsv.checkCovers(t, topo, "T.csv"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("T.csv line 3")
        .hasMessageContaining("client 7");
  }
}
