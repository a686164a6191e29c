package dnt.serve;

import static dnt.serve.DntServer.await;

import dnt.live.LiveTwin;
import dnt.live.cluster.ClusterStatus;
import io.javalin.http.Context;

/**
 * The cluster route of {@code dnt serve}: the Pekko cluster the answering node belongs to, its
 * members, the shards of every entity type per node with their entities, and where each singleton
 * runs (docs/cluster.md). Every node of a cluster answers it, each as it sees the cluster; a twin
 * that runs on no cluster answers 409.
 */
final class ClusterRoutes {
  private final DntServer server;
  private final LiveTwin twin;

  ClusterRoutes(DntServer server, LiveTwin twin) {
    this.server = server;
    this.twin = twin;
  }

  void cluster(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read the cluster status");
    ClusterStatus s = await(twin.cluster(), 400, "");
    ctx.json(s);
  }
}
