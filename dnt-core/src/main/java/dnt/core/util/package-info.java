/** Small utilities shared by every module: seeded randomness, progress callbacks, validation. */
package dnt.core.util;
