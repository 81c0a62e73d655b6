// The demo player's page (player.html): a skeleton until the player is built (issue 13).
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (!root) throw new Error('player.html has no #root element.');
createRoot(root).render(<p>Session Tape demo player</p>);
