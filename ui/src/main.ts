// Entry point: mounts the app and installs the window-wide guard that keeps links from navigating the window.
import { mount } from 'svelte';
import App from './App.svelte';
import { backend } from './lib/backend';
import { anchorOf, externalTarget } from './lib/links';
import './app.css';

// Any click on a link anywhere (article text, reader header) is cancelled; a web address goes to the system
// browser. Capture phase, so no component can forget it. The shell refuses navigation as a second guard.
document.addEventListener(
  'click',
  (event) => {
    const anchor = anchorOf(event.target);
    if (!anchor) return;
    event.preventDefault();
    const base = anchor.closest('[data-base]')?.getAttribute('data-base') ?? undefined;
    const target = externalTarget(anchor.getAttribute('href'), base);
    if (target) backend.openExternal(target).catch((error) => console.warn(error));
  },
  true,
);
// Middle clicks and drag-and-drop of links would open new windows or navigate: refuse those too.
document.addEventListener(
  'auxclick',
  (event) => {
    if (anchorOf(event.target)) event.preventDefault();
  },
  true,
);
document.addEventListener('dragstart', (event) => {
  if (anchorOf(event.target)) event.preventDefault();
});

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
