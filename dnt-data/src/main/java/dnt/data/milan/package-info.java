/**
 * The Telecom Italia Milan dataset (Barlacchi et al., Sci. Data 2, 150055, 2015; ODbL 1.0, "from
 * BigDataChallenge contest"): the bundled files, the 100 x 100 grid, base stations, and the 25-cell
 * subset.
 */
@NullMarked
package dnt.data.milan;

import org.jspecify.annotations.NullMarked;
