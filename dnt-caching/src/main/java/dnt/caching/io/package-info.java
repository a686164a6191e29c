/** Reading request traces and client-station associations from CSV, writing station statistics. */
package dnt.caching.io;
