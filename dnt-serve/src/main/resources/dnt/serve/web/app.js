// The dnt dashboard: the live twin on a map. Plain script, no build step; uPlot (from its WebJar)
// draws the series. The token lives in sessionStorage and travels only in the Authorization
// header; the change stream is read with fetch and a streaming reader, because EventSource
// cannot send headers.
'use strict';

(function () {
  const API = '/api/v1';
  const TOKEN_KEY = 'dnt.token';
  const SERVICES = ['smsin', 'smsout', 'callin', 'callout', 'internet'];
  const SLOT = 600000;
  const $ = (id) => document.getElementById(id);

  const state = {
    token: null,
    canOperate: false,
    grid: null, // {cells: Int32Array, xy: Float64Array (4 corners per cell, canvas px)}
    layer: 'traffic',
    values: null,
    time: null,
    stations: [],
    stationXY: null,
    picked: new Set(),
    added: [], // new stations of the what-if: {id, lon, lat, dbm}
    placing: false,
    whatIfUsers: [], // the users a what-if listed: {user, lon, lat, changeDb, before, after}
    federatedAt: 0,
    lossChart: null,
    openCell: null,
    openStation: null,
    neighbourLines: [],
    stream: null,
    refreshTimer: null,
    chart: null,
  };

  // ---- API

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options) {
    const opts = options || {};
    const headers = Object.assign({ Authorization: 'Bearer ' + state.token }, opts.headers || {});
    const res = await fetch(API + path, Object.assign({}, opts, { headers: headers }));
    const type = res.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await res.json() : await res.text();
    if (!res.ok) {
      throw new ApiError(res.status, body && body.error ? body.error : 'HTTP ' + res.status);
    }
    return body;
  }

  // ---- colour scale (viridis, readable for colour-blind users)

  const VIRIDIS = [
    [68, 1, 84], [72, 35, 116], [64, 67, 135], [52, 94, 141], [41, 120, 142],
    [32, 144, 140], [34, 167, 132], [68, 190, 112], [121, 209, 81], [189, 222, 38], [253, 231, 37],
  ];

  function viridis(t) {
    const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
    const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
    const f = x - i;
    const a = VIRIDIS[i];
    const b = VIRIDIS[i + 1];
    return 'rgb(' + [0, 1, 2].map((k) => Math.round(a[k] + f * (b[k] - a[k]))).join(',') + ')';
  }

  function drawLegend(min, max, title) {
    const c = $('legend-bar');
    const g = c.getContext('2d');
    for (let x = 0; x < c.width; x++) {
      g.fillStyle = viridis(x / (c.width - 1));
      g.fillRect(x, 0, 1, c.height);
    }
    $('legend-min').textContent = fmt(min);
    $('legend-max').textContent = fmt(max);
    $('legend-title').textContent = title;
  }

  function fmt(v) {
    if (v === null || v === undefined || !isFinite(v)) return '-';
    const a = Math.abs(v);
    return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
  }

  function fmtTime(ms) {
    if (ms === null || ms === undefined) return '-';
    return new Date(ms).toLocaleString('en-GB', {
      timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit',
    }) + ' Milan';
  }

  // ---- sign-in

  async function signIn(token) {
    state.token = token;
    const session = await api('/session');
    sessionStorage.setItem(TOKEN_KEY, token);
    state.canOperate = session.canOperate;
    $('role').textContent = 'signed in as ' + session.role;
    $('sign-out').hidden = false;
    document.querySelectorAll('.operator-only').forEach((el) => {
      if (el.id !== 'pick-station') el.hidden = !state.canOperate;
    });
    if (!state.canOperate) {
      // a viewer changes nothing: the controls are gone, not just hidden
      document.querySelectorAll('.operator-only').forEach((el) => el.remove());
    }
    $('signin').hidden = true;
    $('app').hidden = false;
    document.body.dataset.role = session.role;
    await start();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    if (state.stream) state.stream.abort();
    location.reload();
  }

  // ---- the map

  const canvas = () => $('map');

  async function loadGrid() {
    const g = await api('/grid');
    const b = g.bounds;
    const lat0 = ((b.south + b.north) / 2) * Math.PI / 180;
    const k = Math.cos(lat0);
    const w = (b.east - b.west) * k;
    const h = b.north - b.south;
    const c = canvas();
    const scale = Math.min((c.width - 10) / w, (c.height - 10) / h);
    const ox = (c.width - w * scale) / 2;
    const oy = (c.height - h * scale) / 2;
    const project = (lon, lat) => [ox + (lon - b.west) * k * scale, oy + (b.north - lat) * scale];
    const xy = new Float64Array(g.rings.length);
    for (let i = 0; i < g.rings.length; i += 2) {
      const p = project(g.rings[i], g.rings[i + 1]);
      xy[i] = p[0];
      xy[i + 1] = p[1];
    }
    const unproject = (x, y) => [b.west + (x - ox) / (k * scale), b.north - (y - oy) / scale];
    state.grid = { cells: Int32Array.from(g.cells), xy: xy, project: project, unproject: unproject };
    c.dataset.cells = String(g.count);
    // the projection, for tests and tools that point at a place on the map
    c.dataset.view = JSON.stringify({ west: b.west, north: b.north, k: k, scale: scale, ox: ox, oy: oy });
  }

  async function loadLayer() {
    const msg = $('layer-message');
    try {
      const l = await api('/layers/' + state.layer);
      state.values = l.values;
      state.time = l.time;
      msg.textContent = l.time ? state.layer + ' at ' + fmtTime(l.time) : state.layer + ': no telemetry yet';
    } catch (e) {
      state.values = null;
      msg.textContent = e.message;
    }
    $('map').dataset.layer = state.layer;
    draw();
  }

  function draw() {
    const c = canvas();
    const g = c.getContext('2d');
    g.clearRect(0, 0, c.width, c.height);
    if (!state.grid) return;
    const xy = state.grid.xy;
    const values = state.values;
    let min = Infinity;
    let max = -Infinity;
    if (values) {
      for (const v of values) {
        if (v !== null) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
    }
    // traffic is heavy-tailed: a square-root scale keeps the quiet suburbs readable
    const sqrt = state.layer === 'traffic';
    const tf = (v) => (sqrt ? Math.sqrt(Math.max(0, v)) : v);
    const lo = isFinite(min) ? tf(min) : 0;
    const hi = isFinite(max) ? tf(max) : 1;
    const span = hi > lo ? hi - lo : 1;
    const n = state.grid.cells.length;
    for (let i = 0; i < n; i++) {
      const v = values ? values[i] : null;
      g.fillStyle = v === null || v === undefined ? '#d0d0cc' : viridis((tf(v) - lo) / span);
      const o = i * 8;
      g.beginPath();
      g.moveTo(xy[o], xy[o + 1]);
      g.lineTo(xy[o + 2], xy[o + 3]);
      g.lineTo(xy[o + 4], xy[o + 5]);
      g.lineTo(xy[o + 6], xy[o + 7]);
      g.closePath();
      g.fill();
    }
    drawLegend(isFinite(min) ? min : null, isFinite(max) ? max : null,
      state.layer + (sqrt ? ' (square-root scale)' : ''));
    if (state.openCell !== null) outlineCell(g, state.openCell, '#ff3b30');
    drawStations(g);
    if (!c.dataset.paintMs) {
      c.dataset.paintMs = String(Math.round(performance.now()));
    }
    c.dataset.painted = String(Number(c.dataset.painted || 0) + 1);
  }

  function outlineCell(g, cell, colour) {
    const i = cellIndex(cell);
    if (i < 0) return;
    const xy = state.grid.xy;
    const o = i * 8;
    g.strokeStyle = colour;
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(xy[o], xy[o + 1]);
    for (let k = 1; k < 4; k++) g.lineTo(xy[o + 2 * k], xy[o + 2 * k + 1]);
    g.closePath();
    g.stroke();
  }

  function cellIndex(cell) {
    const cells = state.grid.cells;
    let lo = 0;
    let hi = cells.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cells[mid] === cell) return mid;
      if (cells[mid] < cell) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  function cellAt(x, y) {
    const xy = state.grid.xy;
    const n = state.grid.cells.length;
    for (let i = 0; i < n; i++) {
      const o = i * 8;
      let inside = false;
      for (let a = 0, b = 3; a < 4; b = a++) {
        const xa = xy[o + 2 * a], ya = xy[o + 2 * a + 1];
        const xb = xy[o + 2 * b], yb = xy[o + 2 * b + 1];
        if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
      }
      if (inside) return state.grid.cells[i];
    }
    return null;
  }

  // ---- stations

  async function loadStations() {
    try {
      const s = await api('/stations');
      state.stations = s.stations;
      const xy = new Float64Array(s.stations.length * 2);
      s.stations.forEach((st, i) => {
        const p = state.grid.project(st.lon, st.lat);
        xy[2 * i] = p[0];
        xy[2 * i + 1] = p[1];
      });
      state.stationXY = xy;
      $('map').dataset.stations = String(s.count);
    } catch (e) {
      state.stations = [];
      state.stationXY = null;
      $('map').dataset.stations = '0';
      $('show-stations').parentElement.title = e.message;
    }
    draw();
  }

  function sinrColour(sinr) {
    // -10 dB .. 30 dB onto viridis; unserved stations grey
    return sinr === null || sinr === undefined ? '#888' : viridis((sinr + 10) / 40);
  }

  function drawStations(g) {
    drawWhatIf(g);
    if (!state.stationXY || !$('show-stations').checked) return;
    const xy = state.stationXY;
    for (const line of state.neighbourLines) {
      g.strokeStyle = 'rgba(255,59,48,0.9)';
      g.lineWidth = 1.5;
      g.beginPath();
      g.moveTo(line[0], line[1]);
      g.lineTo(line[2], line[3]);
      g.stroke();
    }
    state.stations.forEach((st, i) => {
      const r = 1.5 + 4 * Math.sqrt(Math.min(1, st.activityFactor));
      g.beginPath();
      g.arc(xy[2 * i], xy[2 * i + 1], r, 0, 2 * Math.PI);
      g.fillStyle = st.active ? sinrColour(st.meanSinrDb) : '#fff';
      g.fill();
      g.lineWidth = state.picked.has(st.id) ? 2.5 : 0.6;
      g.strokeStyle = state.picked.has(st.id) ? '#ff3b30' : '#222';
      g.stroke();
    });
  }

  // the what-if on the map: new stations as squares; the users whose SINR changes most as
  // triangles (up: better, blue; down: worse, orange) or crosses (service lost, vermillion) or rings
  // (service gained, blue), shape and colour both telling (Okabe-Ito colours)
  function drawWhatIf(g) {
    if (!state.grid) return;
    for (const u of state.whatIfUsers) {
      const [x, y] = state.grid.project(u.lon, u.lat);
      const size = 4 + Math.min(6, Math.abs(u.changeDb || 0) / 5);
      g.lineWidth = 2;
      if (u.after === null) {
        g.strokeStyle = '#D55E00';
        g.beginPath();
        g.moveTo(x - size, y - size);
        g.lineTo(x + size, y + size);
        g.moveTo(x - size, y + size);
        g.lineTo(x + size, y - size);
        g.stroke();
      } else if (u.before === null) {
        g.strokeStyle = '#0072B2';
        g.beginPath();
        g.arc(x, y, size, 0, 2 * Math.PI);
        g.stroke();
      } else {
        const up = u.changeDb >= 0;
        g.fillStyle = up ? '#0072B2' : '#E69F00';
        g.strokeStyle = '#000';
        g.lineWidth = 1;
        g.beginPath();
        g.moveTo(x, up ? y - size : y + size);
        g.lineTo(x - size, up ? y + size : y - size);
        g.lineTo(x + size, up ? y + size : y - size);
        g.closePath();
        g.fill();
        g.stroke();
      }
    }
    for (const a of state.added) {
      const [x, y] = state.grid.project(a.lon, a.lat);
      g.fillStyle = '#fff';
      g.strokeStyle = '#000';
      g.lineWidth = 2.5;
      g.fillRect(x - 6, y - 6, 12, 12);
      g.strokeRect(x - 6, y - 6, 12, 12);
      g.fillStyle = '#000';
      g.fillRect(x - 2, y - 2, 4, 4);
    }
    canvas().dataset.whatifUsers = String(state.whatIfUsers.length);
    canvas().dataset.added = String(state.added.length);
  }

  function stationAt(x, y) {
    if (!state.stationXY || !$('show-stations').checked) return null;
    const xy = state.stationXY;
    let best = null;
    let bestD = 36; // within 6 px
    for (let i = 0; i < state.stations.length; i++) {
      const dx = xy[2 * i] - x;
      const dy = xy[2 * i + 1] - y;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = state.stations[i];
      }
    }
    return best;
  }

  function stationIndex(id) {
    return state.stations.findIndex((s) => s.id === id);
  }

  async function openStation(id) {
    const d = await api('/stations/' + id + '?neighbours=6');
    state.openStation = id;
    const s = d.station;
    $('station-title').textContent = 'Station ' + s.id;
    const rows = [
      ['position', s.lat.toFixed(5) + ' N, ' + s.lon.toFixed(5) + ' E'],
      ['active', s.active ? 'yes' : 'no'],
      ['power', fmt(s.powerDbm) + ' dBm'],
      ['load', fmt(s.loadMbps) + ' Mbit/s of ' + fmt(s.capacityMbps)],
      ['activity factor', fmt(s.activityFactor)],
      ['users', String(s.users)],
      ['SINR (dB) p5 / p50 / p95', [d.sinrDb.p5, d.sinrDb.p50, d.sinrDb.p95].map(fmt).join(' / ')],
      ['SINR mean (dB)', fmt(d.sinrDb.mean)],
      ['rate (Mbit/s) p5 / p50 / p95', [d.rateMbps.p5, d.rateMbps.p50, d.rateMbps.p95].map(fmt).join(' / ')],
    ];
    fillRows($('station-facts').tBodies[0], rows);
    const nb = $('neighbours').tBodies[0];
    nb.replaceChildren();
    state.neighbourLines = [];
    const i = stationIndex(id);
    for (const r of d.relations) {
      const tr = document.createElement('tr');
      [String(r.station), fmt(r.distanceM), fmt(r.coverageOverlap), fmt(r.trafficSimilarity)].forEach((t) => {
        const td = document.createElement('td');
        td.textContent = t;
        tr.appendChild(td);
      });
      nb.appendChild(tr);
      const j = stationIndex(r.station);
      if (i >= 0 && j >= 0) {
        const xy = state.stationXY;
        state.neighbourLines.push([xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1]]);
      }
    }
    $('station-panel').hidden = false;
    $('station-panel').dataset.station = String(id);
    const pick = $('pick-station');
    if (pick) pick.hidden = !state.canOperate;
    draw();
  }

  function fillRows(tbody, rows) {
    tbody.replaceChildren();
    for (const [k, v] of rows) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = k;
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(th, td);
      tbody.appendChild(tr);
    }
  }

  // ---- a cell

  async function openCell(cell) {
    state.openCell = cell;
    $('cell-panel').hidden = false;
    $('cell-title').textContent = 'Cell ' + cell;
    const end = state.time !== null && state.time !== undefined ? state.time + SLOT : Math.floor(Date.now() / SLOT) * SLOT;
    const from = end - 144 * SLOT;
    const iso = (ms) => new Date(ms).toISOString().slice(0, 16);
    let csv;
    try {
      csv = await api('/cells/' + cell + '/traffic?from=' + iso(from) + 'Z&to=' + iso(end) + 'Z');
    } catch (e) {
      $('cell-note').textContent = e.message;
      $('cell-panel').dataset.cell = String(cell);
      draw();
      return;
    }
    let masked = [];
    try {
      masked = (await api('/cells/' + cell + '/integrity')).maskedSlots;
    } catch (e) {
      masked = [];
    }
    let forecastNote;
    try {
      const f = await api('/cells/' + cell + '/forecast');
      const hour = f.internet.reduce((x, y) => x + y, 0);
      forecastNote = 'forecast of the next hour (' + f.model + ', version ' + f.version + '): ' + fmt(hour);
    } catch (e) {
      forecastNote = e.message;
    }
    const lines = csv.trim().split('\n').slice(1);
    const t = [];
    const total = [];
    const perService = SERVICES.map(() => []);
    const sums = SERVICES.map(() => 0);
    for (const line of lines) {
      const f = line.split(',');
      t.push(Number(f[1]) / 1000);
      let sum = 0;
      for (let s = 0; s < SERVICES.length; s++) {
        const v = Number(f[2 + s]);
        perService[s].push(v);
        sums[s] += v;
        sum += v;
      }
      total.push(sum);
    }
    const maskedSet = new Set(masked);
    const maskMarks = t.map((sec, i) => (maskedSet.has(sec * 1000) ? total[i] : null));
    $('cell-note').textContent = 'observed, ' + fmtTime(from) + ' to ' + fmtTime(end) +
      (masked.length ? '; ' + masked.length + ' masked slots marked' : '; no masked slots') +
      '; ' + forecastNote;
    fillRows($('services').tBodies[0], SERVICES.map((s, i) => [s, fmt(sums[i])]));
    drawChart(t, total, perService, maskMarks);
    $('cell-panel').dataset.cell = String(cell);
    $('cell-panel').dataset.masked = String(masked.length);
    draw();
  }

  function drawChart(t, total, perService, maskMarks) {
    const el = $('chart');
    if (state.chart) state.chart.destroy();
    el.replaceChildren();
    const colours = ['#440154', '#3b528b', '#21918c', '#5ec962', '#b5a100'];
    const series = [{}, { label: 'total', stroke: '#111', width: 2 }];
    SERVICES.forEach((s, i) => series.push({ label: s, stroke: colours[i], width: 1 }));
    series.push({ label: 'masked', stroke: '#d62728', width: 0, points: { show: true, size: 8, fill: '#d62728' } });
    const opts = { width: Math.max(360, el.clientWidth || 480), height: 240, series: series, scales: { x: { time: true } } };
    state.chart = new window.uPlot(opts, [t, total].concat(perService).concat([maskMarks]), el);
  }

  // ---- the change stream

  async function openStream() {
    const ctrl = new AbortController();
    state.stream = ctrl;
    const live = $('live');
    try {
      const res = await fetch(API + '/events?topics=telemetry,alerts', {
        headers: { Authorization: 'Bearer ' + state.token, Accept: 'text/event-stream' },
        signal: ctrl.signal,
      });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      $('stream-state').textContent = 'stream: live';
      live.dataset.stream = 'open';
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          if (data) onEvent(event, JSON.parse(data));
        }
      }
    } catch (e) {
      if (ctrl.signal.aborted) return;
    }
    $('stream-state').textContent = 'stream: reconnecting';
    live.dataset.stream = 'closed';
    setTimeout(openStream, 2000);
  }

  function onEvent(event, data) {
    const live = $('live');
    if (event === 'hello') {
      if (data.clock) $('clock').textContent = fmtTime(data.clock);
    } else if (event === 'telemetry') {
      live.dataset.events = String(Number(live.dataset.events) + 1);
      live.dataset.lastSlot = String(data.slot);
      live.dataset.lastCells = data.cells.slice(0, 50).join(',');
      live.dataset.receivedAt = String(Date.now());
      live.dataset.delayMs = String(Date.now() - data.sent);
      $('clock').textContent = fmtTime(data.clock || data.slot + SLOT);
      scheduleRefresh(data.cells.includes(state.openCell));
      if (Date.now() - state.federatedAt > 10000) loadFederated();
    } else if (event === 'alerts') {
      showAlerts(data.cells);
    }
  }

  function scheduleRefresh(cellTouched) {
    if (cellTouched) state.refreshCell = true;
    if (state.refreshTimer) return;
    state.refreshTimer = setTimeout(async () => {
      state.refreshTimer = null;
      if (state.layer === 'traffic' || state.layer === 'integrity') await loadLayer();
      if (state.refreshCell && state.openCell !== null) {
        state.refreshCell = false;
        await openCell(state.openCell);
      }
      $('live').dataset.refreshed = String(Date.now());
    }, 200);
  }

  function showAlerts(cells) {
    $('alert-count').textContent = String(cells.length);
    const ul = $('alert-list');
    ul.replaceChildren();
    for (const cell of cells) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = 'cell ' + cell + ': stream diverges';
      b.addEventListener('click', () => openCell(cell));
      li.appendChild(b);
      ul.appendChild(li);
    }
  }

  // ---- replay speed (operator)

  async function loadReplay() {
    try {
      const r = await api('/replay');
      if (r.clockMillis) $('clock').textContent = fmtTime(r.clockMillis);
      const sel = $('speed');
      if (sel) sel.value = [...sel.options].some((o) => o.value === r.speed) ? r.speed : sel.value;
    } catch (e) {
      const form = $('speed-form');
      if (form) form.hidden = true;
    }
  }

  // ---- what-if (operator)

  function togglePick(id) {
    if (state.picked.has(id)) state.picked.delete(id);
    else state.picked.add(id);
    renderPicked();
  }

  function renderPicked() {
    const ul = $('picked');
    ul.replaceChildren();
    for (const p of state.picked) {
      const li = document.createElement('li');
      li.textContent = 'station ' + p;
      ul.appendChild(li);
    }
    $('whatif').dataset.picked = String(state.picked.size);
    const added = $('added');
    added.replaceChildren();
    for (const a of state.added) {
      const li = document.createElement('li');
      li.textContent = 'new station ' + a.id + ' at ' + a.lat.toFixed(5) + ' N, ' + a.lon.toFixed(5) +
        ' E, ' + a.dbm + ' dBm';
      li.dataset.id = String(a.id);
      li.dataset.lon = String(a.lon);
      li.dataset.lat = String(a.lat);
      added.appendChild(li);
    }
    $('whatif').dataset.added = String(state.added.length);
    draw();
  }

  function setPlacing(on) {
    state.placing = on;
    const b = $('place-station');
    if (b) b.setAttribute('aria-pressed', String(on));
    canvas().classList.toggle('placing', on);
  }

  // a new station: an id above every station's, at a position in degrees WGS84
  function addStation(lon, lat) {
    const err = $('whatif-error');
    err.textContent = '';
    if (!isFinite(lon) || !isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      err.textContent = 'Give the new station a longitude and a latitude in degrees.';
      return;
    }
    let id = 0;
    for (const st of state.stations) id = Math.max(id, st.id + 1);
    for (const a of state.added) id = Math.max(id, a.id + 1);
    const dbm = Number($('new-dbm').value);
    state.added.push({ id: id, lon: lon, lat: lat, dbm: isFinite(dbm) ? dbm : 30 });
    $('new-lon').value = lon.toFixed(6);
    $('new-lat').value = lat.toFixed(6);
    renderPicked();
  }

  async function runWhatIf(ev) {
    ev.preventDefault();
    const err = $('whatif-error');
    err.textContent = '';
    if (state.picked.size === 0 && state.added.length === 0) {
      err.textContent = 'Pick a station or place a new one first.';
      return;
    }
    const action = $('whatif-action').value;
    const dbm = Number($('whatif-dbm').value);
    const changes = [...state.picked].map((id) =>
      action === 'switch-off' ? { 'switch-off': id } : { power: { station: id, dbm: dbm } });
    for (const a of state.added) {
      changes.push({ 'add-station': { id: a.id, lon: a.lon, lat: a.lat, 'power-dbm': a.dbm } });
    }
    try {
      const r = await api('/whatif?top=10', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(changes),
      });
      showWhatIf(r);
    } catch (e) {
      err.textContent = e.message;
    }
  }

  function showWhatIf(r) {
    const box = $('whatif-result');
    box.replaceChildren();
    const p = document.createElement('p');
    p.textContent = r.changes + ' change(s): ' + r.usersAffected + ' users and ' + r.stationsAffected +
      ' stations affected; the live twin is unchanged.';
    const table = document.createElement('table');
    table.id = 'kpi-table';
    const head = table.createTHead().insertRow();
    ['KPI', 'now', 'what-if', 'change'].forEach((h) => {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    });
    const body = table.createTBody();
    for (const k of r.kpis) {
      const tr = body.insertRow();
      [k.kpi, fmt(k.baseline), fmt(k.scenario), (k.change > 0 ? '+' : '') + fmt(k.change)].forEach((t) => {
        tr.insertCell().textContent = t;
      });
    }
    const caption = document.createElement('p');
    caption.className = 'whatif-legend';
    caption.textContent = 'The ' + r.users.length + ' users whose SINR changes most, drawn on the map: ' +
      '▲ better, ▼ worse, ✕ loses service, ○ gains service.';
    const users = document.createElement('table');
    users.id = 'users-table';
    const uh = users.createTHead().insertRow();
    ['user', 'SINR now (dB)', 'what-if (dB)', 'change', 'station now → what-if'].forEach((h) => {
      const th = document.createElement('th');
      th.textContent = h;
      uh.appendChild(th);
    });
    const ub = users.createTBody();
    for (const u of r.users) {
      const tr = ub.insertRow();
      [String(u.user), fmt(u.sinrBeforeDb), fmt(u.sinrAfterDb),
        u.changeDb === null ? (u.sinrAfterDb === null ? 'loses service' : 'gains service') : (u.changeDb > 0 ? '+' : '') + fmt(u.changeDb),
        (u.servingBefore === null ? 'none' : u.servingBefore) + ' → ' + (u.servingAfter === null ? 'none' : u.servingAfter),
      ].forEach((t) => {
        tr.insertCell().textContent = t;
      });
    }
    box.append(p, table, caption, users);
    box.dataset.kpis = String(r.kpis.length);
    box.dataset.users = String(r.users.length);
    state.whatIfUsers = r.users.map((u) => ({
      user: u.user, lon: u.lon, lat: u.lat, changeDb: u.changeDb, before: u.sinrBeforeDb, after: u.sinrAfterDb,
    }));
    draw();
  }

  // ---- federated training

  async function loadFederated() {
    state.federatedAt = Date.now();
    const panel = $('federated');
    let f;
    try {
      f = await api('/federated');
    } catch (e) {
      $('federated-note').textContent = e.message;
      panel.dataset.phase = 'unavailable';
      return;
    }
    $('federated-note').textContent = f.error ? 'the V-twin failed: ' + f.error : '';
    fillRows($('federated-facts').tBodies[0], [
      ['phase', f.phase],
      ['V-twin rounds', f.round + ' of ' + f.rounds],
      ['cluster twins', String(f.clusters)],
      ['clients', String(f.clients.length)],
      ['H-twin updates applied', String(f.updatesApplied)],
      ['updates rejected', String(f.updatesRejected)],
      ['model', f.model + ', version ' + f.version],
      ['days held', f.daysHeld + ' (training starts at ' + f.minDays + ')'],
      ['trained through', f.trainedThrough === null ? '-' : fmtTime(f.trainedThrough)],
    ]);
    drawLosses(f.losses);
    // clients by staleness, the ones without an applied update last
    const groups = new Map();
    for (const c of f.clients) {
      const k = c.staleness === null ? null : c.staleness;
      groups.set(k, (groups.get(k) || 0) + 1);
    }
    const keys = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
    fillRows($('staleness').tBodies[0],
      keys.map((k) => [k === null ? 'no update yet' : String(k), String(groups.get(k))]));
    const rejecting = f.clients.filter((c) => c.rejected > 0).sort((a, b) => b.rejected - a.rejected);
    $('rejected').textContent = f.updatesRejected + ' update(s) rejected by the server\'s validator' +
      (rejecting.length ? ': ' + rejecting.slice(0, 10).map((c) => 'cell ' + c.cell + ' (' + c.rejected + ')').join(', ') +
        (rejecting.length > 10 ? ', ...' : '') : '');
    panel.dataset.phase = f.phase;
    panel.dataset.rounds = String(f.round);
    panel.dataset.losses = String(f.losses.length);
  }

  function drawLosses(losses) {
    const el = $('loss-chart');
    if (state.lossChart) state.lossChart.destroy();
    state.lossChart = null;
    el.replaceChildren();
    if (!losses.length) return;
    const rounds = losses.map((_, i) => i + 1);
    const opts = {
      width: Math.max(320, el.clientWidth || 400), height: 180,
      scales: { x: { time: false } },
      axes: [{ label: 'V-twin round', incrs: [1, 2, 5, 10, 20, 50] }, { label: 'loss (MSE)' }],
      series: [{ label: 'round' }, { label: 'loss', stroke: '#21918c', width: 2, points: { show: true, size: 6 } }],
    };
    state.lossChart = new window.uPlot(opts, [rounds, losses], el);
  }

  // ---- wiring

  async function start() {
    await loadGrid();
    await loadLayer();
    showAlerts([]);
    api('/alerts').then((a) => showAlerts(a.cells)).catch(() => {});
    loadStations();
    loadReplay();
    loadFederated();
    openStream();
  }

  function canvasPoint(ev) {
    const c = canvas();
    const r = c.getBoundingClientRect();
    // the drawing starts inside the canvas' border (clientLeft, clientTop)
    const x = ev.clientX - r.left - c.clientLeft;
    const y = ev.clientY - r.top - c.clientTop;
    return [(x * c.width) / c.clientWidth, (y * c.height) / c.clientHeight];
  }

  function wire() {
    $('signin-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      $('signin-error').textContent = '';
      try {
        await signIn($('token').value.trim());
        $('token').value = '';
      } catch (e) {
        state.token = null;
        $('signin-error').textContent = e instanceof ApiError && e.status === 401 ? 'That token is not valid.' : e.message;
      }
    });
    $('sign-out').addEventListener('click', signOut);
    document.querySelectorAll('input[name=layer]').forEach((r) =>
      r.addEventListener('change', () => {
        state.layer = r.value;
        loadLayer();
      }));
    $('show-stations').addEventListener('change', draw);
    $('map').addEventListener('click', (ev) => {
      if (!state.grid) return;
      const [x, y] = canvasPoint(ev);
      if (state.placing && state.canOperate) {
        const [lon, lat] = state.grid.unproject(x, y);
        setPlacing(false);
        addStation(lon, lat);
        return;
      }
      const st = stationAt(x, y);
      if (st && ev.shiftKey && state.canOperate) {
        togglePick(st.id);
      } else if (st) {
        openStation(st.id);
      } else {
        const cell = cellAt(x, y);
        if (cell !== null) openCell(cell);
      }
    });
    $('cell-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const id = Number($('cell-id').value);
      if (id >= 1 && id <= 10000) openCell(id);
    });
    if (state.canOperate || $('whatif-form')) {
      const form = $('whatif-form');
      if (form) form.addEventListener('submit', runWhatIf);
      const clear = $('whatif-clear');
      if (clear) clear.addEventListener('click', () => {
        state.picked.clear();
        state.added = [];
        state.whatIfUsers = [];
        setPlacing(false);
        $('whatif-result').replaceChildren();
        renderPicked();
      });
      const place = $('place-station');
      if (place) place.addEventListener('click', () => setPlacing(!state.placing));
      const addForm = $('add-form');
      if (addForm) addForm.addEventListener('submit', (ev) => {
        ev.preventDefault();
        setPlacing(false);
        addStation(parseFloat($('new-lon').value), parseFloat($('new-lat').value));
      });
      const pick = $('pick-station');
      if (pick) pick.addEventListener('click', () => state.openStation !== null && togglePick(state.openStation));
      const speed = $('speed-form');
      if (speed) speed.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        try {
          const r = await api('/replay', {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ speed: $('speed').value }),
          });
          speed.dataset.speed = r.speed;
        } catch (e) {
          $('stream-state').textContent = e.message;
        }
      });
    }
  }

  function boot() {
    wire();
    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) {
      signIn(saved).catch(() => {
        sessionStorage.removeItem(TOKEN_KEY);
        $('signin').hidden = false;
        $('app').hidden = true;
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
