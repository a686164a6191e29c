/**
 * {@code dnt serve}'s HTTP API ({@code /api/v1}) on Javalin: bearer tokens and roles, request
 * parsing and JSON errors, over the plain-Java {@link dnt.live.LiveTwin}. No actor type is used
 * here.
 */
@NullMarked
package dnt.serve;

import org.jspecify.annotations.NullMarked;
