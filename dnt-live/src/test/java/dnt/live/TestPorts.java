package dnt.live;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for the tests that start several cluster nodes in one JVM. */
public final class TestPorts {
  private TestPorts() {}

  /**
   * Ports that were free a moment ago: all opened at once (so they differ), then closed.
   *
   * @param n how many
   * @return the ports
   * @throws IOException if a socket cannot be opened
   */
  public static int[] freePorts(int n) throws IOException {
    List<ServerSocket> open = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : open) {
        s.close();
      }
    }
  }
}
