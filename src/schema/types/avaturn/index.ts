// Avaturn avatar types and mutations: each file registers itself on the builder.
import './errors.js';
import './model.js';
import './customization.js';
import './avaturn-avatar.js';
import './create-avatar.js';
import './start-avatar-upload.js';
import './customize-avatar.js';
import './export-avatar.js';
import './editor-session.js';
