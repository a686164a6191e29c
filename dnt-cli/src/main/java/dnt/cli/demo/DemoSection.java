package dnt.cli.demo;

/**
 * One part of {@code dnt demo}. Sections run in order, each printing a titled block; a case study
 * joins the demo by adding its section to {@link DemoCommand#SECTIONS}.
 */
public interface DemoSection {
  /**
   * The heading printed above the section.
   *
   * @return a short title
   */
  String title();

  /**
   * Runs the section.
   *
   * @param context where to print and where to keep temporary files
   * @throws Exception any failure; the command reports it
   */
  void run(DemoContext context) throws Exception;
}
