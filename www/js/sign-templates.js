// The Sign tab's callback templates: the fields of each event, with example values, and which
// fields are integers or name the event. (Issue 10 plans to generate the field lists from the
// core's field table; this module is the one place the page states them.)

/** The stream status events (the rest are recording events). */
export const STREAM_EVENTS = ['PUBLISH', 'PUBLISH_DONE'];

// Templates modelled on the examples of the Huawei Cloud Live user guide (masked ids as there).
/** The template callback of an event: field name -> example value. */
export function template(event) {
  if (STREAM_EVENTS.includes(event)) {
    return {
      domain: 'push.example.com',
      app: 'live',
      stream: 'example_stream',
      user_args: 'cdn=hw',
      client_ip: '100.111.*.*',
      node_ip: '112.11.*.*',
      publish_timestamp: '1587954134',
      event,
    };
  }
  const t = {
    project_id: '70b76xxxxxx34253880af501cdxxxxxx',
    job_id: 'dc0a1773-0cef-xxxx-xxxx-9a38fdb095d2',
    task_id: '51126d0ebe94b1da00d2e21a10xxxxxx',
    event_type: event,
    publish_domain: 'push.example.com',
    app: 'live',
    stream: 'mystream',
    record_format: 'HLS',
  };
  if (event === 'RECORD_START' || event === 'RECORD_OVER' || event === 'RECORD_FAILED')
    delete t.job_id;
  if (event === 'RECORD_FILE_COMPLETE') {
    Object.assign(t, {
      download_url:
        'https://obs.cn-north-4.myhuaweicloud.com/live/record-push.example.com-live-mystream-1583676625.m3u8',
      asset_id: '1a0d8e9bfaexxxxxxbe5021e62aa1e96',
      file_size: 3957964,
      record_duration: 120,
      start_time: '2020-03-08T14:10:25Z',
      end_time: '2020-03-08T14:12:25Z',
      width: 1280,
      height: 720,
      obs_location: 'cn-north-4',
      obs_bucket: 'record-bucket',
      obs_object: 'live/record-push.example.com-live-mystream-1583676625.m3u8',
    });
  }
  if (event === 'RECORD_FAILED') t.error_message = 'failed to upload the recording to OBS';
  return t;
}

export const INTEGER_FIELDS = new Set(['file_size', 'record_duration', 'width', 'height']);
export const EVENT_FIELDS = new Set(['event', 'event_type']);
