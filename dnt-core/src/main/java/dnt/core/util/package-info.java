/** Small utilities shared by every module: seeded randomness, progress callbacks, validation. */
@NullMarked
package dnt.core.util;

import org.jspecify.annotations.NullMarked;
