package dnt.live.runtime;

/**
 * Where the background start of the journal's cell twins stands after a start ({@link
 * CellStarter}).
 *
 * @param toStart cell twins to start, -1 while the journal is still being listed
 * @param started cell twins started (recovered) so far, failed ones included
 * @param done whether all were started
 */
public record CellStartup(int toStart, int started, boolean done) {}
