// ZEPETO avatar types, connection flow and Render-it mutations: each file registers itself on the builder.
import './zepeto-avatar.js';
import './zepeto-connection.js';
import './render-group-image.js';
