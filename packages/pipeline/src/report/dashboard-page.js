// The dashboard's charts, run in the browser. The model comes from dashboard-data.ts (its types document each
// field); nothing here computes a figure, it only lays figures out. A chart is drawn when its panel nears the
// viewport, so a page of 500 tickers opens as fast as one of five.
(() => {
  const model = JSON.parse(document.getElementById('data').textContent);
  const HOUR = 3600;
  const FROM = Date.parse(model.from) / 1000;
  const grid = model.grid;
  const HEIGHT = 320;
  // The plot's height is shared by three bands, bottom to top: posts, sentiment, price (fractions of the height).
  const BANDS = { posts: [0, 0.14], sentiment: [0.19, 0.47], price: [0.53, 1] };
  // The sentiment band's reach: the smallest that holds every bar, so a quiet month's days do not shrink to lines.
  const REACHES = [0.1, 0.25, 0.5, 1];
  const COLOURS = {
    close: '#0969da',
    positive: '45,164,78',
    negative: '207,34,46',
    posts: '#afb8c1',
    closed: 'rgba(234,238,242,0.85)',
    missing: 'rgba(255,216,181,0.55)',
    band: 'rgba(140,149,159,0.13)',
    rule: '#d0d7de',
    text: '#57606a',
  };
  // Closed days after the last session take a few places on the traded-hours axis, more on a long one.
  const trailingPlaces = (traded) => Math.max(3, Math.round(traded * 0.03));

  const iso = (seconds) => new Date(seconds * 1000).toISOString();
  const hourText = (seconds) => `${iso(seconds).slice(0, 10)} ${iso(seconds).slice(11, 16)}`;
  const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const dayText = (seconds) =>
    `${WEEKDAYS[new Date(seconds * 1000).getUTCDay()]} ${iso(seconds).slice(5, 10)}`;
  const signed = (value, digits) =>
    value === null ? '–' : `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;
  const labelOf = (score) =>
    score === null ? '' : score >= model.band ? 'positive' : score <= -model.band ? 'negative' : 'neutral';

  // The traded hours of the grid, in order: each one's hour index in the period, and its session.
  const slotHour = [];
  const slotSession = [];
  grid.sessionFirst.forEach((first, session) => {
    for (let i = 0; i < grid.sessionHours[session]; i++) {
      slotHour.push(first + i);
      slotSession.push(session);
    }
  });
  const sessions = grid.sessionFirst.length;
  const trailing = grid.dayEnd.length > sessions;
  const dayStart = (day) => (day === 0 ? 0 : grid.dayEnd[day - 1]);
  /** The days a day of sentiment covers, as text: `Mon 12-09` or `Sat 12-07 – Mon 12-09`. */
  function daySpan(day) {
    const first = FROM + dayStart(day) * HOUR;
    const last = FROM + (grid.dayEnd[day] - 1) * HOUR;
    const a = dayText(first);
    const b = dayText(last);
    return a === b ? a : `${a} – ${b}`;
  }

  function closeByHour(panel) {
    const close = new Array(model.hourCount).fill(null);
    slotHour.forEach((hour, slot) => {
      close[hour] = panel.close[slot];
    });
    return close;
  }

  /** A scale range that puts [low, high] in the band `[bottom, top]` of the plot's height. */
  function bandRange(low, high, [bottom, top]) {
    const span = (high - low) / (top - bottom);
    return [low - bottom * span, low - bottom * span + span];
  }

  /** Round price ticks inside the data's range, three to five of them. */
  function priceTicks(low, high) {
    const raw = (high - low) / 4 || 1;
    const step = 10 ** Math.floor(Math.log10(raw));
    const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => s >= raw) ?? raw;
    const ticks = [];
    for (let v = Math.ceil(low / nice) * nice; v <= high + 1e-9; v += nice)
      ticks.push(Number(v.toPrecision(10)));
    return ticks;
  }

  /**
   * One chart in three bands. `spec.x` are the x values; `spec.close` the price at each; `spec.spans` the bars:
   * `{ x0, x1, score, posts }` in x units (an hour, or a day of sessions).
   */
  function bandChart(el, spec) {
    const prices = spec.close.filter((v) => v !== null);
    const hasPrice = prices.length > 0;
    // Reduced, not spread into Math.min: a multi-year period holds more prices than a call takes arguments.
    const low = prices.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const high = prices.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    const priceRange = hasPrice
      ? bandRange(
          low - (high - low || low * 0.01) * 0.06,
          high + (high - low || low * 0.01) * 0.06,
          BANDS.price,
        )
      : [0, 1];
    const maxPosts = spec.spans.reduce((a, s) => Math.max(a, s.height ?? 0), 1);
    const largest = spec.spans.reduce((a, s) => Math.max(a, Math.abs(s.score ?? 0)), 0);
    const reach = REACHES.find((r) => r >= largest) ?? 1;
    // The bar under each x (both are in order): what the legend reads at the cursor.
    const spanOf = [];
    for (let i = 0, s = 0; i < spec.x.length; i++) {
      while (s < spec.spans.length - 1 && spec.x[i] >= spec.spans[s].x1) s++;
      spanOf.push(spec.spans[s] ?? null);
    }
    const spanAt = (idx) => spanOf[idx] ?? null;
    // No traded hour, no price series or axis: an empty scale would read as a price.
    const priceSeries = hasPrice
      ? [
          {
            label: 'close',
            scale: 'price',
            stroke: COLOURS.close,
            width: 1.5,
            spanGaps: false,
            points: { show: spec.points },
            value: (_u, v) => (v === null ? '–' : v.toFixed(2)),
          },
        ]
      : [];
    const series = [
      { label: spec.xLabel, value: (_u, _v, _si, idx) => (idx === null ? '–' : spec.xText(idx)) },
      ...priceSeries,
      {
        label: spec.sentimentLabel,
        scale: 'sentiment',
        paths: () => null,
        points: { show: false },
        value: (_u, _v, _si, idx) => {
          const span = idx === null ? null : spanAt(idx);
          if (!span || span.score === null) return span && span.posts === 0 ? 'no posts' : '–';
          return `${signed(span.score, 2)} ${labelOf(span.score)}${span.unweighted ? ` (${span.unweighted} h unweighted left out)` : ''}`;
        },
      },
      {
        label: spec.postsLabel,
        scale: 'posts',
        paths: () => null,
        points: { show: false },
        value: (_u, _v, _si, idx) => {
          const span = idx === null ? null : spanAt(idx);
          if (!span || span.posts === null) return '–';
          return span.covers > 1
            ? `${span.posts} over ${span.covers} days, ${span.height} a day`
            : String(span.posts);
        },
      },
    ];
    // The bars are drawn under the series (drawBands); their series only name them in the legend.
    const data = [spec.x, ...(hasPrice ? [spec.close] : []), spec.x.map(() => 0), spec.x.map(() => 0)];
    const axes = [
      { ...spec.xAxis, grid: { show: spec.time, stroke: '#eaeef2', width: 1 } },
      {
        scale: 'price',
        size: 56,
        show: hasPrice,
        splits: () => (hasPrice ? priceTicks(low, high) : []),
        grid: { stroke: '#eaeef2', width: 1 },
      },
      {
        scale: 'sentiment',
        side: 1,
        size: 44,
        splits: () => [-reach, 0, reach],
        values: (_u, splits) => splits.map((v) => (v === 0 ? '0' : `${v > 0 ? '+' : '−'}${Math.abs(v)}`)),
        grid: { show: false },
      },
    ];
    const options = {
      width: Math.max(320, el.clientWidth),
      height: HEIGHT,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false }, points: { show: false } },
      scales: {
        x: spec.xScale,
        price: { range: () => priceRange },
        sentiment: { range: () => bandRange(-reach, reach, BANDS.sentiment) },
        posts: { range: () => bandRange(0, maxPosts, BANDS.posts) },
      },
      axes,
      series,
      hooks: {
        drawClear: [(u) => drawBands(u, spec, maxPosts, reach)],
        ready: spec.ready ? [spec.ready] : [],
      },
    };
    if (spec.time) options.tzDate = (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
    return new uPlot(options, data, el);
  }

  /** What sits under the series: shaded hours, the neutral band, session lines, and the sentiment and post bars. */
  function drawBands(u, spec, maxPosts, reach) {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    const ratio = uPlot.pxRatio;
    const xPos = (x) => u.valToPos(x, 'x', true);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    for (const shade of spec.shades) {
      ctx.fillStyle = COLOURS[shade.kind];
      ctx.fillRect(xPos(shade.x0), top, xPos(shade.x1) - xPos(shade.x0), height);
      ctx.font = `${11 * ratio}px system-ui, sans-serif`;
      if (shade.label && ctx.measureText(shade.label).width + 6 * ratio < xPos(shade.x1) - xPos(shade.x0)) {
        ctx.fillStyle = COLOURS.text;
        ctx.fillText(shade.label, xPos(shade.x0) + 3 * ratio, top + 12 * ratio);
      }
    }
    // The neutral band, where a score is labelled neutral (within the sentiment band's reach), and zero.
    const y = (v) => u.valToPos(v, 'sentiment', true);
    const neutral = Math.min(model.band, reach);
    ctx.fillStyle = COLOURS.band;
    ctx.fillRect(left, y(neutral), width, y(-neutral) - y(neutral));
    ctx.fillStyle = COLOURS.rule;
    ctx.fillRect(left, Math.round(y(0)), width, ratio);
    ctx.fillRect(left, Math.round(u.valToPos(0, 'posts', true)), width, ratio);
    for (const x of spec.boundaries) ctx.fillRect(Math.round(xPos(x)), top, ratio, height);
    const inset = spec.inset;
    for (const span of spec.spans) {
      const x0 = xPos(span.x0) + inset * ratio;
      const x1 = xPos(span.x1) - inset * ratio;
      if (x1 - x0 < 0.5) continue;
      if (span.score !== null) {
        const strong = Math.abs(span.score) >= model.band;
        const rgb = span.score >= 0 ? COLOURS.positive : COLOURS.negative;
        ctx.fillStyle = `rgba(${rgb},${strong ? 0.85 : 0.45})`;
        ctx.fillRect(x0, y(0), x1 - x0, y(span.score) - y(0));
      } else if (span.posts === 0) {
        // No posts: a dot on zero, so it does not read as a neutral score.
        ctx.fillStyle = '#8c959f';
        ctx.beginPath();
        ctx.arc((x0 + x1) / 2, y(0), 2.5 * ratio, 0, 2 * Math.PI);
        ctx.fill();
      }
      if (span.height) {
        const base = u.valToPos(0, 'posts', true);
        ctx.fillStyle = COLOURS.posts;
        ctx.fillRect(x0, base, x1 - x0, u.valToPos(span.height, 'posts', true) - base);
      }
    }
    ctx.restore();
    // What each band holds, in its corner.
    ctx.save();
    ctx.font = `${11 * ratio}px system-ui, sans-serif`;
    ctx.fillStyle = COLOURS.text;
    const bandTop = (band) => top + (1 - band[1]) * height;
    ctx.fillText(
      spec.close.some((v) => v !== null)
        ? 'close'
        : 'no close in these hours: the market was closed, or they were not loaded (see the shading)',
      left + 4 * ratio,
      bandTop(BANDS.price) + 11 * ratio,
    );
    ctx.fillText(spec.sentimentLabel, left + 4 * ratio, bandTop(BANDS.sentiment) + 11 * ratio);
    ctx.fillText(
      `${spec.postsLabel} (highest ${Math.round(maxPosts)})`,
      left + 4 * ratio,
      u.valToPos(maxPosts, 'posts', true) + 2 * ratio,
    );
    ctx.restore();
  }

  /** Clock hours [start, end) of the period: the hourly view, and a picked day. */
  function hourChart(el, panel, start, end, close) {
    const hours = panel.hours;
    const x = [];
    const spans = [];
    const shades = [];
    for (let i = start; i < end; i++) {
      const t = FROM + i * HOUR;
      x.push(t + HOUR / 2);
      const posts = hours.posts[i];
      spans.push({
        x0: t,
        x1: t + HOUR,
        score: hours.sentiment[i],
        posts,
        height: posts,
        covers: 1,
        unweighted: 0,
      });
      const state = hours.state[i];
      if (state !== 't') shades.push({ x0: t, x1: t + HOUR, kind: state === 'c' ? 'closed' : 'missing' });
    }
    const first = FROM + start * HOUR;
    const last = FROM + end * HOUR;
    el.setAttribute('role', 'figure');
    el.setAttribute(
      'aria-label',
      `close, sentiment and posts per hour, ${hourText(first)} – ${hourText(last)} UTC`,
    );
    return bandChart(el, {
      time: true,
      x,
      close: close.slice(start, end),
      spans,
      shades,
      boundaries: [],
      inset: 1.5,
      points: true,
      xLabel: 'hour (UTC)',
      xText: (idx) => hourText(x[idx] - HOUR / 2),
      sentimentLabel: 'sentiment per hour',
      postsLabel: 'posts per hour',
      xScale: { time: true, range: () => [first, last] },
      xAxis: {
        values: (_u, splits) =>
          splits.map((ts) =>
            iso(ts).slice(11, 16) === '00:00' ? iso(ts).slice(5, 10) : iso(ts).slice(11, 16),
          ),
      },
    });
  }

  /** Traded hours side by side, sessions marked with their date, sentiment and posts by day. */
  function sessionChart(el, panel, onPick) {
    const places = slotHour.length + (trailing ? trailingPlaces(slotHour.length) : 0);
    const x = Array.from({ length: places }, (_, i) => i);
    const close = x.map((i) => (i < slotHour.length ? panel.close[i] : null));
    const dayOfPlace = (i) => (i < slotHour.length ? slotSession[i] : sessions);
    const firstPlace = grid.sessionFirst.map((_, s) => slotSession.indexOf(s));
    const spans = grid.dayEnd.map((_, day) => {
      const x0 = day < sessions ? firstPlace[day] - 0.5 : slotHour.length - 0.5;
      const x1 = day < sessions ? firstPlace[day] + grid.sessionHours[day] - 0.5 : places - 0.5;
      const days = panel.days;
      return {
        x0,
        x1,
        score: days.score[day],
        posts: days.posts[day],
        height: days.postsPerDay[day],
        covers: Math.max(1, Math.round((grid.dayEnd[day] - dayStart(day)) / 24)),
        unweighted: days.unweighted[day],
      };
    });
    const shades = trailing
      ? [{ x0: slotHour.length - 0.5, x1: places - 0.5, kind: 'closed', label: 'closed' }]
      : [];
    // Set by the axis' splits, read by its values: how many sessions fit decides how each is named.
    let labelMode = 'day';
    // The chart's words for those who cannot see it (and for the tests: the canvas has no text).
    const named = grid.sessionFirst.map((first) => dayText(FROM + first * HOUR));
    el.setAttribute('role', 'figure');
    el.setAttribute(
      'aria-label',
      `close over ${slotHour.length} traded hours of ${sessions} sessions (${named.length > 7 ? `${named[0]} – ${named.at(-1)}` : named.join(', ')}), sentiment and posts per day`,
    );
    return bandChart(el, {
      time: false,
      x,
      close,
      spans,
      shades,
      boundaries: firstPlace.slice(1).map((p) => p - 0.5),
      inset: places > 400 ? 0 : 1,
      points: places <= 80,
      xLabel: 'traded hour (UTC)',
      xText: (idx) => {
        const day = dayOfPlace(idx);
        if (idx >= slotHour.length) return `${daySpan(day)}, market closed`;
        return `${hourText(FROM + slotHour[idx] * HOUR)} · day ${daySpan(day)}`;
      },
      sentimentLabel: 'sentiment per day',
      postsLabel: 'posts per day',
      xScale: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
      xAxis: {
        splits: (u, _axis, min, max) => {
          const { mode, splits } = sessionSplits(u, firstPlace, min, max);
          labelMode = mode;
          return splits;
        },
        values: (_u, splits) =>
          splits.map((m) => sessionLabel(FROM + slotHour[Math.floor(m)] * HOUR, labelMode)),
      },
      ready: (u) => {
        // A click (not a drag, which zooms) picks the day under the cursor.
        let downAt = null;
        u.over.addEventListener('mousedown', (e) => {
          downAt = e.clientX;
        });
        u.over.addEventListener('click', (e) => {
          if (downAt !== null && Math.abs(e.clientX - downAt) > 3) return;
          if (u.cursor.idx !== null && u.cursor.idx !== undefined) onPick(dayOfPlace(u.cursor.idx));
        });
      },
    });
  }

  /**
   * Session starts to label, thinned so labels keep apart: each session by weekday and date when they fit, else
   * every few sessions by date, else the first session of each month.
   */
  function sessionSplits(u, firstPlace, min, max) {
    // A session's label sits under its middle.
    const middles = firstPlace
      .map((p, s) => p + (grid.sessionHours[s] - 1) / 2)
      .filter((m) => m >= min && m <= max);
    const perSession = u.bbox.width / uPlot.pxRatio / Math.max(1, middles.length);
    const mode = perSession >= 72 ? 'day' : perSession * 5 >= 44 ? 'date' : 'month';
    const monthOf = (m) => iso(FROM + slotHour[Math.floor(m)] * HOUR).slice(0, 7);
    const candidates =
      mode === 'month'
        ? middles.filter((m, i) => i === 0 || monthOf(m) !== monthOf(middles[i - 1]))
        : middles;
    const gap = { day: 72, date: 44, month: 60 }[mode] * uPlot.pxRatio;
    const splits = [];
    for (const m of candidates) {
      const at = u.valToPos(m, 'x', true);
      if (splits.length === 0 || at - u.valToPos(splits.at(-1), 'x', true) >= gap) splits.push(m);
    }
    return { mode, splits };
  }

  function sessionLabel(seconds, mode) {
    if (mode === 'month') return iso(seconds).slice(0, 7);
    return mode === 'day' ? dayText(seconds) : iso(seconds).slice(5, 10);
  }

  /** The ledger's cells as a strip, each saying its hour or day and state. */
  function ledgerStrip(el, panel) {
    const words = {
      l: 'loaded',
      c: 'loaded, market closed',
      f: 'failed',
      g: 'gave up',
      m: 'missing',
      u: 'not on the schedule',
    };
    const byDay = model.view === 'sessions';
    const firstDay = Math.floor(FROM / 86400);
    const cells = [];
    for (let i = 0; i < panel.ledger.length; i++) {
      const code = panel.ledger[i];
      const when = byDay ? iso((firstDay + i) * 86400).slice(0, 10) : `${hourText(FROM + i * HOUR)} UTC`;
      const note = panel.ledgerNotes[i];
      cells.push(`<span class="cell ${code}" title="${when}: ${note ?? words[code]}"></span>`);
    }
    el.innerHTML = cells.join('');
  }

  function pickDay(panel, section, day) {
    const detail = section.querySelector('.day-detail');
    const title = `${daySpan(day)}, hour by hour (UTC)`;
    detail.hidden = false;
    if (!model.hourly) {
      const lastHour = iso(FROM + (grid.dayEnd[day] - 1) * HOUR).slice(0, 13);
      const hours = grid.dayEnd[day] - dayStart(day);
      detail.innerHTML = `<h3>${title}</h3><p class="empty">This page keeps days only. ${
        document.body.dataset.served
          ? `<a href="?hours=${hours}&amp;until=${lastHour}:00Z">Open these hours</a>.`
          : `<code>stockpipe dashboard --until ${lastHour}:00Z --hours ${hours}</code> shows them.`
      }</p>`;
      return;
    }
    detail.innerHTML = `<h3>${title} <button type="button" class="close" aria-label="close">×</button></h3><div class="chart"></div>`;
    detail.querySelector('.close').addEventListener('click', () => {
      detail.hidden = true;
    });
    hourChart(detail.querySelector('.chart'), panel, dayStart(day), grid.dayEnd[day], closeByHour(panel));
  }

  const charts = [];
  function draw(section) {
    const started = performance.now();
    const panel = model.panels[Number(section.dataset.index)];
    const el = section.querySelector('.chart');
    ledgerStrip(section.querySelector('.ledger'), panel);
    const chart =
      model.view === 'hours'
        ? hourChart(el, panel, 0, model.hourCount, closeByHour(panel))
        : sessionChart(el, panel, (day) => pickDay(panel, section, day));
    charts.push({ chart, el });
    section.dataset.drawn = 'true';
    // What each chart cost, for bench/dashboard.bench.ts.
    performance.measure('stockpipe:chart', { start: started });
  }

  // For the tests and the benchmark: set once the first screen of charts is drawn.
  const ready = () => {
    document.body.dataset.ready = 'true';
  };
  const sections = document.querySelectorAll('section.panel');
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        draw(entry.target);
      }
      ready();
    },
    { rootMargin: '600px 0px' },
  );
  for (const section of sections) observer.observe(section);
  if (sections.length === 0) ready();

  let resizing = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      for (const { chart, el } of charts)
        chart.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT });
    }, 150);
  });
})();
