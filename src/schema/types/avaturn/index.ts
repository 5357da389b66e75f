// Avaturn avatar types and mutations: each file registers itself on the builder.
export {};
