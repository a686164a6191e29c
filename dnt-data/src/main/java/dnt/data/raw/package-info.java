/**
 * The raw Telecom Italia Milan files ({@code sms-call-internet-mi-YYYY-MM-DD.txt}, plain or gzip)
 * and their common CSV re-export: a validating reader with {@code file:line} errors, a fast
 * structural scanner, MD5 verification against the Dataverse metadata, and a writer.
 */
@NullMarked
package dnt.data.raw;

import org.jspecify.annotations.NullMarked;
