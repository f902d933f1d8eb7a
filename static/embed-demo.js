// The embed demo (embed-demo.html): drives the framed map through its
// postMessage API and logs what it sends. A partner can copy this page and
// this file; only the iframe's src changes.
//
//   sent by the map:  {type: "civicmap:state", state, visible: {actors, links}}
//                     {type: "civicmap:select", actor: "<id>" | null}
//                     {type: "civicmap:resize", height}
//   accepted:         {type: "civicmap:set-state", state: "<query>"}
//                     (only from the origins in command_origins of the map's
//                     civicmap.config.json)
const frame = document.getElementById('civicmap');
const mapUrl = new URL(frame.src, location.href);
const mapOrigin = mapUrl.origin;
const log = document.getElementById('log');
const refused = document.getElementById('refused');
const MAX_LOG = 50;
let answered = true;

function entry(text, meta) {
  const li = document.createElement('li');
  const time = document.createElement('span');
  time.className = 'meta';
  time.textContent = `${new Date().toLocaleTimeString()} `;
  li.append(time, document.createTextNode(text));
  if (meta) {
    const m = document.createElement('span');
    m.className = 'meta';
    m.textContent = ` — ${meta}`;
    li.append(m);
  }
  log.prepend(li);
  while (log.children.length > MAX_LOG) log.lastElementChild.remove();
  return li;
}

// What the map sends: only from the map's window and origin.
addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== mapOrigin) return;
  const m = e.data;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
  if (m.type === 'civicmap:state') {
    answered = true;
    const v = m.visible ?? {};
    entry(`civicmap:state « ${m.state || '(vue par défaut)'} »`, `${v.actors} acteurs · ${v.links} liens`);
  } else if (m.type === 'civicmap:select') {
    entry(`civicmap:select ${m.actor ?? 'null (aucune sélection)'}`);
  } else if (m.type === 'civicmap:resize') {
    entry(`civicmap:resize ${m.height} px`);
  }
});

function send(state) {
  frame.contentWindow.postMessage({ type: 'civicmap:set-state', state }, mapOrigin);
  entry(`→ civicmap:set-state « ${state || '(vue par défaut)'} »`, 'envoyé');
  answered = false;
  setTimeout(() => {
    if (!answered) {
      entry('Pas de nouvel état après 2 s : soit la vue n\'a pas changé, soit cette page n\'est pas '
        + 'dans command_origins (la console de la carte dit pourquoi elle ignore un message).');
    }
  }, 2000);
}

for (const b of document.querySelectorAll('button[data-state]')) {
  b.addEventListener('click', () => send(b.dataset.state));
}
document.getElementById('custom').addEventListener('submit', (e) => {
  e.preventDefault();
  send(document.getElementById('state').value.trim().replace(/^\?/, ''));
});

// Say up front when the deployment will not take commands from this page
// (readable when the map is on this origin, or sends CORS headers).
(async () => {
  try {
    const res = await fetch(new URL('civicmap.config.json', mapUrl));
    if (!res.ok) return;
    const config = await res.json();
    const allowed = Array.isArray(config.command_origins)
      && config.command_origins.some((o) => {
        try {
          return new URL(o).origin === location.origin;
        } catch {
          return false;
        }
      });
    if (!allowed) {
      refused.hidden = false;
      refused.textContent = `La carte ignorera les boutons : l'origine de cette page (${location.origin}) `
        + 'n\'est pas dans command_origins du fichier civicmap.config.json de la carte. Ajoutez-la : '
        + `"command_origins": ["${location.origin}"]`;
    }
  } catch {
    // Another origin without CORS: the log will tell if commands go unanswered.
  }
})();
