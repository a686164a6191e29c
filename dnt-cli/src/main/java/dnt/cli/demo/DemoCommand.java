package dnt.cli.demo;

import picocli.CommandLine.Command;

/** {@code dnt demo}: the main job, run on the bundled Milan data. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the main demo on the bundled Milan data.")
public final class DemoCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("dnt demo");
  }
}
