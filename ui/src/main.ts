// Entry point: mounts the app and installs the window-wide guard that keeps links from navigating the window.
import { mount } from 'svelte';
import App from './App.svelte';
import { backend } from './lib/backend';
import { guardLinks } from './lib/links';
import './app.css';

// Any click on a link anywhere in the window (reader header, notes) is cancelled; a web address goes to the system
// browser. The shell refuses navigation as a second guard, and is the only guard inside article frames, where no
// script runs (ArticleFrame).
guardLinks(document, (url) => backend.openExternal(url).catch((error) => console.warn(error)));

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
