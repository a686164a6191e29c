package dnt.cli.data;

/** The export header, spelled out independently of the code under test. */
final class ExportHeader {
  static final String HEADER = "cell,time,smsin,smsout,callin,callout,internet";

  private ExportHeader() {}
}
