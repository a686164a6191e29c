package dnt.live.cluster;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cluster a live twin's node belongs to, as that node sees it now (docs/cluster.md): its
 * members, where the shards of every sharded entity type live and how many entities each holds, and
 * where each cluster singleton runs.
 *
 * @param self the answering node's address ({@code pekko://dnt-live@host:port})
 * @param leader the cluster leader's address, or null while there is none
 * @param members every member, by address
 * @param entityTypes every sharded entity type ({@code cell}, {@code twin-stats}, {@code
 *     radio-region} with regions on; a cell's FL client is its cell twin's child, not an entity
 *     type of its own), with its shards per node
 * @param singletons every cluster singleton and the node it runs on
 * @param remoteSent what the answering node has sent to other nodes since it started
 */
public record ClusterStatus(
    String self,
    @Nullable String leader,
    List<Member> members,
    List<EntityType> entityTypes,
    List<Singleton> singletons,
    RemoteSent remoteSent) {

  /** Copies the lists. */
  public ClusterStatus {
    members = List.copyOf(members);
    entityTypes = List.copyOf(entityTypes);
    singletons = List.copyOf(singletons);
  }

  /**
   * A status without the node's traffic (nothing sent).
   *
   * @param self the answering node's address
   * @param leader the leader's address, or null
   * @param members every member
   * @param entityTypes every sharded entity type
   * @param singletons every cluster singleton
   */
  public ClusterStatus(
      String self,
      @Nullable String leader,
      List<Member> members,
      List<EntityType> entityTypes,
      List<Singleton> singletons) {
    this(self, leader, members, entityTypes, singletons, new RemoteSent(0, 0));
  }

  /**
   * The messages a node sent to other nodes through Pekko's Artery transport, all of them (the
   * twin's, sharding's, the cluster's gossip and heartbeats), counted as Artery serializes them.
   *
   * @param messages messages sent
   * @param bytes their serialized bytes
   */
  public record RemoteSent(long messages, long bytes) {}

  /**
   * A member of the cluster.
   *
   * @param address its address
   * @param status Pekko's member status ({@code Joining}, {@code Up}, {@code Leaving}, {@code
   *     Exiting}, {@code Down}, ...)
   * @param roles its roles, sorted
   * @param reachable whether the answering node's failure detector reaches it
   */
  public record Member(String address, String status, List<String> roles, boolean reachable) {
    /** Copies the roles. */
    public Member {
      roles = List.copyOf(roles);
    }
  }

  /**
   * A sharded entity type and its shards on each node.
   *
   * @param name the type's name
   * @param nodes every node that hosts a region of the type, by address
   */
  public record EntityType(String name, List<NodeShards> nodes) {
    /** Copies the list. */
    public EntityType {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * The shards of one entity type on one node.
   *
   * @param address the node
   * @param shards its shards, by id
   * @param failedShards shards that did not answer in time, by id
   */
  public record NodeShards(String address, List<Shard> shards, List<String> failedShards) {
    /** Copies the lists. */
    public NodeShards {
      shards = List.copyOf(shards);
      failedShards = List.copyOf(failedShards);
    }

    /**
     * The entities on this node.
     *
     * @return the sum over its shards
     */
    public int entities() {
      return shards.stream().mapToInt(Shard::entities).sum();
    }
  }

  /**
   * A shard and how many entities run in it now (passivated ones are not counted).
   *
   * @param id the shard id
   * @param entities running entities
   */
  public record Shard(String id, int entities) {}

  /**
   * A cluster singleton and where it runs: the oldest member that is up.
   *
   * @param name the singleton's name
   * @param address the node it runs on, or null while no member is up
   */
  public record Singleton(String name, @Nullable String address) {}
}
