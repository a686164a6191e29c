/**
 * How a federated client's model update travels to the server (paper Sec. III-C2: quantization
 * combined with federated learning): {@link dnt.learn.codec.UpdateCodec} compresses an update into
 * the bytes that cross the link and decodes what the server sees; {@link
 * dnt.learn.codec.UpdateCodecs} names the codecs (none, QSGD, scaled sign, top-k); {@link
 * dnt.learn.codec.UpdateChannel} keeps each client's error-feedback memory for the biased codecs
 * and counts the bytes.
 */
@NullMarked
package dnt.learn.codec;

import org.jspecify.annotations.NullMarked;
