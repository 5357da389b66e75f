// ZEPETO avatar types, connection flow and Render-it mutations: each file registers itself on the builder.
export {};
