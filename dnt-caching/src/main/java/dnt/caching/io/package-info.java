/** Reading request traces and client-station associations from CSV, writing station statistics. */
@NullMarked
package dnt.caching.io;

import org.jspecify.annotations.NullMarked;
