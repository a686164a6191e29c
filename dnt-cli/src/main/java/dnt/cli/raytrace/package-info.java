/** {@code dnt raytrace}: paths, receiver summaries, radio maps and synthetic city scenes. */
@NullMarked
package dnt.cli.raytrace;

import org.jspecify.annotations.NullMarked;
