// The object each precompiled header is built with; it holds no code.
