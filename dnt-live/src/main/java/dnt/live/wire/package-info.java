/**
 * The conventions of dnt-live's wire formats, shared by the runtime's and the radio regions'
 * serializers (a leaf package, so that neither depends on the other for them).
 */
@NullMarked
package dnt.live.wire;

import org.jspecify.annotations.NullMarked;
