package io.qiyue.search;

/** What a search hit is. */
public enum SearchKind { CONTRACT, CUSTOMER }
