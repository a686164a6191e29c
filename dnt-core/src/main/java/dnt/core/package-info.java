/**
 * The network and its twin: typed ids, geometry and the vocabulary shared by every module.
 *
 * <p>This module knows nothing of storage, machine learning, the command line, web servers or
 * plotting; ArchUnit tests in {@code dnt-cli} keep it that way.
 */
@NullMarked
package dnt.core;

import org.jspecify.annotations.NullMarked;
