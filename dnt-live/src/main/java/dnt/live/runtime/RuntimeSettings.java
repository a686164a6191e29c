package dnt.live.runtime;

import dnt.data.integrity.IntegrityParams;
import dnt.data.network.OwnNetwork;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime needs to start, in plain values (the public face maps its settings here).
 *
 * @param journalUrl the JDBC URL of the journal
 * @param journalUser the database user
 * @param journalPassword the password, empty for none
 * @param slickProfile the Slick profile class of the database
 * @param driver the JDBC driver class
 * @param schemaResource the DDL resource to run when the journal tables are missing
 * @param snapshotEvery events between a cell twin's snapshots
 * @param host the address Artery binds
 * @param port the Artery port, 0 for any free one
 * @param askTimeout how long a request waits for the entities
 * @param integrity how cell twins check their stream's integrity
 * @param radioUsers users of the radio twin (of Milan or the own network); negative for no radio
 *     twin
 * @param radioSeed seed of their placement
 * @param radioMbpsPerActivity demand per unit of internet activity, Mbit/s
 * @param readSideFile the DuckDB file of the read side
 * @param network the user's own network (the radio twin's stations and grid, the cells' positions),
 *     or null for Milan
 * @param radioRegionTileM the side of a region's tile when the radio twin is partitioned by region
 *     ({@code dnt.live.radio.RegionPlan}), metres; 0 for one radio twin per node
 */
public record RuntimeSettings(
    String journalUrl,
    String journalUser,
    String journalPassword,
    String slickProfile,
    String driver,
    String schemaResource,
    int snapshotEvery,
    String host,
    int port,
    Duration askTimeout,
    IntegrityParams integrity,
    int radioUsers,
    long radioSeed,
    double radioMbpsPerActivity,
    Path readSideFile,
    @Nullable OwnNetwork network,
    double radioRegionTileM) {

  @Override
  public String toString() {
    // never show the password
    return "RuntimeSettings[" + journalUrl + " as " + journalUser + ", " + host + ":" + port + "]";
  }
}
