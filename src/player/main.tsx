// The demo player's page (player.html): one worker, created from an inline module so that the page works
// from file://, and the tape the page holds (tape-text.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PlayerPage } from './PlayerPage';
import { createPlayerClient } from './player-client';
import { pageTape } from './tape-text';
import '../styles/theme.css';
import '../components/Header/Header.css';

const root = document.getElementById('root');
if (!root) throw new Error('player.html has no #root element.');

// Created outside React, so that StrictMode's double rendering cannot start a second worker.
const client = createPlayerClient();
const tape = pageTape(document);
// Read once, here: StrictMode's double effects would read a large tape twice.
const reading = tape.kind === 'tape' ? client.openTape(tape.text) : null;

createRoot(root).render(
  <StrictMode>
    <PlayerPage client={client} tape={tape} reading={reading} />
  </StrictMode>,
);
