package io.qiyue.customer;

public enum CustomerLevel { A, B, C }
