// ECharts for every [data-chart] in the dashboard; re-drawn after each HTMX swap, resized with the window.
(function () {
  const charts = new Set();
  function option(data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { data: ["收案", "结案", "结收比"], top: 0 },
      grid: { left: 40, right: 40, top: 36, bottom: 60, containLabel: true },
      xAxis: { type: "category", data: data.names, axisLabel: { rotate: data.names.length > 6 ? 40 : 0, interval: 0 } },
      yAxis: [{ type: "value", name: "件" }, { type: "value", name: "%", splitLine: { show: false } }],
      dataZoom: data.names.length > 12 ? [{ type: "slider", bottom: 0, height: 16 }] : [],
      series: [
        { name: "收案", type: "bar", data: data.filed },
        { name: "结案", type: "bar", data: data.closed },
        { name: "结收比", type: "line", yAxisIndex: 1, data: data.rate, connectNulls: true },
      ],
    };
  }
  function draw(root) {
    if (!window.echarts) return;
    charts.forEach((chart) => { if (!document.body.contains(chart.getDom())) { chart.dispose(); charts.delete(chart); } });
    root.querySelectorAll("[data-chart]").forEach((el) => {
      const chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption(option(JSON.parse(el.dataset.chartData)), true);
      charts.add(chart);
    });
  }
  window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));
  document.body.addEventListener("htmx:afterSettle", (event) => draw(event.target));
  draw(document);
})();
