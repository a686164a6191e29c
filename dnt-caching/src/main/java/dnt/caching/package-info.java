/** Edge caching: networks of caches, request models, policies, bounds, RL and safe RL. */
@NullMarked
package dnt.caching;

import org.jspecify.annotations.NullMarked;
