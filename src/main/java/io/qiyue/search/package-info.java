/**
 * Full-text search over contracts and customers. Every module's changes reach {@link io.qiyue.search.SearchChangeLog}
 * (a row in {@code search_change}, in the change's own transaction); each instance tails that log into its own index
 * behind the {@link io.qiyue.search.SearchIndex} port (Lucene with Chinese word segmentation here; an OpenSearch
 * adapter can take its place). Searches go through {@link io.qiyue.search.Search}, which applies the caller's data
 * scope, as the contract and customer lists do. Called by no one: it only listens.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package io.qiyue.search;
