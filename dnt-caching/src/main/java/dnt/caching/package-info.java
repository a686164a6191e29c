/** Edge caching: networks of caches, request models, policies, bounds, RL and safe RL. */
package dnt.caching;
