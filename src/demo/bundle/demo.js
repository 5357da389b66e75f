var e=class extends String{__apiType;value;__meta__;constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}},t={"\n  mutation DemoCreateAvatar($input: CreateAvatarInput!) {\n    createAvatar(input: $input) {\n      __typename\n      ... on CreateAvatarSuccess { avatar { id status } }\n      ... on Error { message code }\n    }\n  }\n":new e(`
    mutation DemoCreateAvatar($input: CreateAvatarInput!) {
  createAvatar(input: $input) {
    __typename
    ... on CreateAvatarSuccess {
      avatar {
        id
        status
      }
    }
    ... on Error {
      message
      code
    }
  }
}
    `),"\n  subscription DemoAvatarUpdated($id: ID!) {\n    avatarUpdated(id: $id) {\n      id\n      status\n      ... on AvaturnAvatar { failureReason model { status url } }\n    }\n  }\n":new e(`
    subscription DemoAvatarUpdated($id: ID!) {
  avatarUpdated(id: $id) {
    id
    status
    ... on AvaturnAvatar {
      failureReason
      model {
        status
        url
      }
    }
  }
}
    `),"\n  mutation DemoExportAvatar($id: ID!) {\n    exportAvatar(id: $id) {\n      __typename\n      ... on ExportAvatarSuccess { model { status url } }\n      ... on Error { message code }\n    }\n  }\n":new e(`
    mutation DemoExportAvatar($id: ID!) {
  exportAvatar(id: $id) {
    __typename
    ... on ExportAvatarSuccess {
      model {
        status
        url
      }
    }
    ... on Error {
      message
      code
    }
  }
}
    `),'\n  query DemoPreview($id: ID!) {\n    avatar(id: $id) {\n      image(pose: "common/preview", format: PNG) { id status url failureReason }\n    }\n  }\n':new e(`
    query DemoPreview($id: ID!) {
  avatar(id: $id) {
    image(pose: "common/preview", format: PNG) {
      id
      status
      url
      failureReason
    }
  }
}
    `),"\n  subscription DemoImageUpdated($id: ID!) {\n    imageUpdated(id: $id) { id status url failureReason }\n  }\n":new e(`
    subscription DemoImageUpdated($id: ID!) {
  imageUpdated(id: $id) {
    id
    status
    url
    failureReason
  }
}
    `),"\n  query DemoGalleryPoses($first: Int!) {\n    poses(provider: ZEPETO, kind: STILL, first: $first) {\n      nodes { id key }\n    }\n  }\n":new e(`
    query DemoGalleryPoses($first: Int!) {
  poses(provider: ZEPETO, kind: STILL, first: $first) {
    nodes {
      id
      key
    }
  }
}
    `),"\n  query DemoGalleryImages($id: ID!, $poses: [ID!]!) {\n    avatar(id: $id) {\n      ... on ZepetoAvatar {\n        images(poses: $poses, quality: W240) { id url width height pose { key } }\n      }\n    }\n  }\n":new e(`
    query DemoGalleryImages($id: ID!, $poses: [ID!]!) {
  avatar(id: $id) {
    ... on ZepetoAvatar {
      images(poses: $poses, quality: W240) {
        id
        url
        width
        height
        pose {
          key
        }
      }
    }
  }
}
    `),"\n  mutation DemoConnectZepeto {\n    connectZepetoAccount {\n      __typename\n      ... on ConnectZepetoAccountSuccess { session { id url status } }\n      ... on Error { message code }\n    }\n  }\n":new e(`
    mutation DemoConnectZepeto {
  connectZepetoAccount {
    __typename
    ... on ConnectZepetoAccountSuccess {
      session {
        id
        url
        status
      }
    }
    ... on Error {
      message
      code
    }
  }
}
    `),"\n  subscription DemoZepetoConnection($sessionId: ID!) {\n    zepetoConnectionUpdated(sessionId: $sessionId) {\n      id\n      status\n      avatars { id zepetoId }\n    }\n  }\n":new e(`
    subscription DemoZepetoConnection($sessionId: ID!) {
  zepetoConnectionUpdated(sessionId: $sessionId) {
    id
    status
    avatars {
      id
      zepetoId
    }
  }
}
    `)};function n(e){return t[e]??{}}function r(e){let t=document.querySelector(`[data-testid="${e}"]`);if(!t)throw Error(`missing [data-testid="${e}"]`);return t}function i(e){let t=document.getElementById(e);if(!t)throw Error(`missing #${e}`);return t}function a(e,t,n){e.textContent=t,e.dataset.tone=n}var o=40;function s(e,t=`idle`){let n=i(`log`),r=document.createElement(`li`);r.dataset.tone=t;let a=document.createElement(`time`);for(a.textContent=new Date().toLocaleTimeString([],{hour12:!1}),r.append(a,` ${e}`),n.prepend(r);n.children.length>o;)n.lastElementChild?.remove()}function c(e){return e instanceof Error?e.message:String(e)}var l=n(`
  mutation DemoCreateAvatar($input: CreateAvatarInput!) {
    createAvatar(input: $input) {
      __typename
      ... on CreateAvatarSuccess { avatar { id status } }
      ... on Error { message code }
    }
  }
`),u=n(`
  subscription DemoAvatarUpdated($id: ID!) {
    avatarUpdated(id: $id) {
      id
      status
      ... on AvaturnAvatar { failureReason model { status url } }
    }
  }
`),d=n(`
  mutation DemoExportAvatar($id: ID!) {
    exportAvatar(id: $id) {
      __typename
      ... on ExportAvatarSuccess { model { status url } }
      ... on Error { message code }
    }
  }
`),f=n(`
  query DemoPreview($id: ID!) {
    avatar(id: $id) {
      image(pose: "common/preview", format: PNG) { id status url failureReason }
    }
  }
`),p=n(`
  subscription DemoImageUpdated($id: ID!) {
    imageUpdated(id: $id) { id status url failureReason }
  }
`),m=[`frontal`,`side1`,`side2`];function h(e){let t=new Map,n=r(`demo-create`),o=r(`demo-avatar-status`),h=r(`demo-model-link`),g=i(`model-note`),_=r(`demo-preview`),v=i(`preview-note`),y=(e,r,a)=>{t.set(e,r);let o=i(`photo-${e}`);o.src=a,o.hidden=!1,n.disabled=t.size<m.length};for(let e of document.querySelectorAll(`input[data-photo]`))e.addEventListener(`change`,()=>{let t=e.files?.[0];t&&y(e.dataset.photo,t,URL.createObjectURL(t))});r(`demo-use-samples`).addEventListener(`click`,async()=>{try{for(let e of m){let t=`/demo/samples/${e}.jpg`,n=await fetch(t);if(!n.ok)throw Error(`${t} answered HTTP ${n.status}`);let r=await n.blob();y(e,new File([r],`${e}.jpg`,{type:r.type}),t)}s(`sample photos loaded from /demo/samples/`)}catch(e){s(`sample photos: ${c(e)}`,`bad`)}});let b=e=>{e?.status===`READY`&&e.url?(h.href=e.url,h.hidden=!1,g.textContent=` (temporary URL)`):e?.status===`FAILED`&&(g.textContent=`the export failed`)},x=e=>{e.status===`READY`&&e.url?(_.src=e.url,_.hidden=!1,v.textContent=`common/preview, rendered by Avaturn`):e.status===`FAILED`&&(v.textContent=`render failed: ${e.failureReason??`unknown reason`}`)};async function S(t){g.textContent=`exporting…`;let n=await e.request(d,{id:t});n.exportAvatar.__typename===`ExportAvatarSuccess`?b(n.exportAvatar.model):g.textContent=n.exportAvatar.message,v.textContent=`rendering…`;let{avatar:r}=await e.request(f,{id:t});if(!r||(x(r.image),r.image.status!==`PENDING`))return;let i=e.subscribe(p,{id:r.image.id},{onData:({imageUpdated:e})=>{x(e),e.status!==`PENDING`&&i()},onError:e=>v.textContent=c(e)})}n.addEventListener(`click`,async()=>{n.disabled=!0,h.hidden=!0,_.hidden=!0,g.textContent=`after the avatar is ready`,v.textContent=`an Avaturn scene render, after the avatar is ready`,a(o,`UPLOADING`,`busy`);let r=i(`body-type`).value;try{let{createAvatar:i}=await e.upload(l,{input:{frontal:t.get(`frontal`),side1:t.get(`side1`),side2:t.get(`side2`),bodyType:r}});if(i.__typename!==`CreateAvatarSuccess`){a(o,i.message,`bad`),n.disabled=!1;return}w(i.avatar.id)}catch(e){a(o,c(e),`bad`),n.disabled=!1}});let C;function w(t){C?.();let r=!1;C=e.subscribe(u,{id:t},{onData:({avatarUpdated:e})=>{let i=e.status===`FAILED`,l=i&&`failureReason`in e&&e.failureReason?` · ${e.failureReason}`:``;a(o,`${e.status}${l}`,e.status===`READY`?`ok`:i?`bad`:`busy`),i&&(n.disabled=!1),`model`in e&&b(e.model),e.status===`READY`&&!r&&(r=!0,S(t).catch(e=>s(c(e),`bad`)))},onError:e=>a(o,c(e),`bad`)})}}var g=class{el;total={images:0,units:0,usd:0};constructor(e){this.el=e,this.render()}add(e){this.total={images:this.total.images+e.images,units:this.total.units+e.units,usd:this.total.usd+e.usd},this.render()}render(){let{images:e,units:t,usd:n}=this.total,r=Number.isInteger(t)?String(t):t.toFixed(2),i=n.toFixed(6).replace(/0{1,3}$/,``);this.el.textContent=`${e} ${e===1?`image`:`images`} · ${r} units · $${i}`}};function _(e){return typeof e==`object`&&!!e}var v=`x-graphql-event-stream-token`;function y(e){if(e=e,e!==`next`&&e!==`complete`)throw Error(`Invalid stream event "${e}"`);return e}function b(e,t){if(t)try{t=JSON.parse(t)}catch{throw Error(`Invalid stream data`)}if(e===`next`&&!t)throw Error(`Stream data must be an object for "next" events`);return t||null}var x;(function(e){e[e.NewLine=10]=`NewLine`,e[e.CarriageReturn=13]=`CarriageReturn`,e[e.Space=32]=`Space`,e[e.Colon=58]=`Colon`})(x||={});function S(){let e,t,n,r=!1,i={event:``,data:``},a=[],o=new TextDecoder;return function(s){if(e===void 0)e=s,t=0,n=-1;else{let t=new Uint8Array(e.length+s.length);t.set(e),t.set(s,e.length),e=t}let c=e.length,l=0;for(;t<c;){r&&=(e[t]===x.NewLine&&(l=++t),!1);let s=-1;for(;t<c&&s===-1;++t)switch(e[t]){case x.Colon:n===-1&&(n=t-l);break;case x.CarriageReturn:r=!0;case x.NewLine:s=t}if(s===-1)break;if(l===s){if(i.event||i.data){if(!i.event)throw Error(`Missing message event`);let e=y(i.event),t=b(e,i.data);a.push({event:e,data:t}),i={event:``,data:``}}}else if(n>0){let t=e.subarray(l,s),r=o.decode(t.subarray(0,n)),a=n+(t[n+1]===x.Space?2:1),c=o.decode(t.subarray(a));switch(r){case`event`:i.event=c;break;case`data`:i.data=i.data?i.data+`
`+c:c}}l=t,n=-1}if(l===c){e=void 0;let t=[...a];return a=[],t}l!==0&&(e=e.subarray(l),t-=l)}}function C(e){let{singleConnection:t=!1,lazy:n=!0,lazyCloseTimeout:r=0,onNonLazyError:i=console.error,generateID:a=function(){return`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.replace(/[xy]/g,e=>{let t=Math.random()*16|0;return(e==`x`?t:t&3|8).toString(16)})},retryAttempts:o=5,retry:s=async function(e){let t=1e3;for(let n=0;n<e;n++)t*=2;await new Promise(e=>setTimeout(e,t+Math.floor(Math.random()*2700+300)))},credentials:c=`same-origin`,referrer:l,referrerPolicy:u,onMessage:d,on:f}=e,p=e.fetchFn||fetch,m=e.abortControllerImpl||AbortController,h=(()=>{let e=!1,t=[];return{get disposed(){return e},onDispose(n){return e?(setTimeout(()=>n(),0),()=>{}):(t.push(n),()=>{t.splice(t.indexOf(n),1)})},dispose(){if(!e){e=!0;for(let e of[...t])e()}}}})(),g,_,y=0,b=null,x=0;async function S(){try{if(h.disposed)throw Error(`Client has been disposed`);return await(_??=(async()=>{var t,n;if(b){if(await s(x),g.signal.aborted)throw Error(`Connection aborted by the client`);x++}(t=f?.connecting)==null||t.call(f,!!b),g=new m;let r=h.onDispose(()=>g.abort());g.signal.addEventListener(`abort`,()=>{r(),_=void 0});let i=e,a=typeof i.url==`function`?await i.url(void 0):i.url;if(g.signal.aborted)throw Error(`Connection aborted by the client`);let o=typeof i.headers==`function`?await i.headers(void 0):i.headers??{};if(g.signal.aborted)throw Error(`Connection aborted by the client`);let y;try{y=await p(a,{signal:g.signal,method:`PUT`,credentials:c,referrer:l,referrerPolicy:u,headers:o})}catch(e){throw new w(e)}if(y.status!==201)throw new w(y);o[v]=await y.text();let S=await E({signal:g.signal,headers:o,credentials:c,referrer:l,referrerPolicy:u,url:a,fetchFn:p,onMessage:e=>{var t;(t=f?.message)==null||t.call(f,e),d?.(e)}});return(n=f?.connected)==null||n.call(f,!!b),S.waitForThrow().catch(()=>_=void 0),S})())}catch(e){throw _=void 0,e}}t&&!n&&(async()=>{for(y++;;)try{let{waitForThrow:e}=await S();await e()}catch(e){if(h.disposed)return;if(!(e instanceof w)||(_=void 0,!o||x>=o))return i?.(e);b=e}})();function C(i,v,C){if(!t){let t=new m,n=h.onDispose(()=>{n(),t.abort()});return(async()=>{var n,r,a,m;let h=null,g=0;for(;;)try{if(h){if(await s(g),t.signal.aborted)throw Error(`Connection aborted by the client`);g++}(n=f?.connecting)==null||n.call(f,!!h),(r=C?.connecting)==null||r.call(C,!!h);let o=e,_=typeof o.url==`function`?await o.url(i):o.url;if(t.signal.aborted)throw Error(`Connection aborted by the client`);let y=typeof o.headers==`function`?await o.headers(i):o.headers??{};if(t.signal.aborted)throw Error(`Connection aborted by the client`);let{getResults:b}=await E({signal:t.signal,headers:{...y,"content-type":`application/json; charset=utf-8`},credentials:c,referrer:l,referrerPolicy:u,url:_,body:JSON.stringify(i),fetchFn:p,onMessage:e=>{var t,n;(t=f?.message)==null||t.call(f,e),(n=C?.message)==null||n.call(C,e),d?.(e)}});(a=f?.connected)==null||a.call(f,!!h),(m=C?.connected)==null||m.call(C,!!h);for await(let e of b())h=null,g=0,v.next(e);return t.abort()}catch(e){if(t.signal.aborted)return;if(!(e instanceof w)||!o||g>=o)throw e;h=e}})().then(()=>v.complete()).catch(e=>v.error(e)),()=>t.abort()}y++;let T=new m,D=h.onDispose(()=>{D(),T.abort()});return(async()=>{let e=a();i={...i,extensions:{...i.extensions,operationId:e}};let t=null;for(;;){t=null;try{let{url:n,headers:r,getResults:a}=await S(),o;try{o=await p(n,{signal:T.signal,method:`POST`,credentials:c,referrer:l,referrerPolicy:u,headers:{...r,"content-type":`application/json; charset=utf-8`},body:JSON.stringify(i)})}catch(e){throw new w(e)}if(o.status!==202)throw new w(o);t=async()=>{let t;try{let i=new m,a=h.onDispose(()=>{a(),i.abort()});t=await p(n+`?operationId=`+e,{signal:i.signal,method:`DELETE`,credentials:c,referrer:l,referrerPolicy:u,headers:r})}catch(e){throw new w(e)}if(t.status!==200)throw new w(t)};for await(let t of a({signal:T.signal,operationId:e}))b=null,x=0,v.next(t);return t=null,T.abort()}catch(e){if(T.signal.aborted)return await t?.();if(!(e instanceof w)||(n&&(_=void 0),!o||x>=o))throw T.abort(),e;b=e}finally{T.signal.aborted&&--y===0&&(isFinite(r)&&r>0?setTimeout(()=>{y||g.abort()},r):g.abort())}}})().then(()=>v.complete()).catch(e=>v.error(e)),()=>T.abort()}return{subscribe:C,iterate(e,t){let n=[],r={done:!1,error:null,resolve:()=>{}},i=C(e,{next(e){n.push(e),r.resolve()},error(e){r.done=!0,r.error=e,r.resolve()},complete(){r.done=!0,r.resolve()}},t),a=(async function*(){for(;;){for(n.length||await new Promise(e=>r.resolve=e);n.length;)yield n.shift();if(r.error)throw r.error;if(r.done)return}})();return a.throw=async e=>(r.done||(r.done=!0,r.error=e,r.resolve()),{done:!0,value:void 0}),a.return=async()=>(i(),{done:!0,value:void 0}),a},dispose(){h.dispose()}}}var w=class extends Error{constructor(e){let t,n;T(e)?(n=e,t=`Server responded with `+e.status+`: `+e.statusText):t=e instanceof Error?e.message:String(e),super(t),this.name=this.constructor.name,this.response=n}};function T(e){return _(e)&&typeof e.ok==`boolean`&&typeof e.status==`number`&&typeof e.statusText==`string`}async function E(e){let{signal:t,url:n,credentials:r,headers:i,body:a,referrer:o,referrerPolicy:s,fetchFn:c,onMessage:l}=e,u={},d={},f;try{f=await c(n,{signal:t,method:a?`POST`:`GET`,credentials:r,referrer:o,referrerPolicy:s,headers:{...i,accept:`text/event-stream`},body:a})}catch(e){throw new w(e)}if(!f.ok)throw new w(f);if(!f.body)throw Error(`Missing response body`);let p=null,m;return(async()=>{var e;try{let t=S();for await(let n of D(f.body)){if(typeof n==`string`)throw p=Error(`Unexpected string chunk "${n}"`);let r;try{r=t(n)}catch(e){throw p=e}if(r)for(let t of r){try{l?.(t)}catch(e){throw p=e}let n=t.data&&`id`in t.data?t.data.id:``;switch(n in d||(d[n]=[]),t.event){case`next`:n?d[n].push(t.data.payload):d[n].push(t.data);break;case`complete`:d[n].push(`complete`);break;default:throw p=Error(`Unexpected message event "${t.event}"`)}(e=u[n])==null||e.proceed()}}if(Object.keys(u).length)throw Error(`Connection closed while having active streams`)}catch(e){p=!p&&Object.keys(u).length?new w(e):e,m?.(p)}finally{Object.values(u).forEach(({proceed:e})=>e())}})(),{url:n,headers:i,waitForThrow:()=>new Promise((e,t)=>{if(p)return t(p);m=t}),async*getResults(e){let{signal:t,operationId:n=``}=e??{};try{for(;;){for(;d[n]?.length;){let e=d[n].shift();if(e===`complete`)return;yield e}if(p)throw p;if(t?.aborted)throw Error(`Getting results aborted by the client`);await new Promise(e=>{let r=()=>{t?.removeEventListener(`abort`,r),delete u[n],e()};t?.addEventListener(`abort`,r),u[n]={proceed:r}})}}finally{delete d[n]}}}}function D(e){return typeof Object(e)[Symbol.asyncIterator]==`function`?(e=e,e):(async function*(){let t=e.getReader(),n;do n=await t.read(),n.value!==void 0&&(yield n.value);while(!n.done)})()}var O=class extends Error{code;constructor(e,t){super(t?`${e} (${t})`:e),this.code=t,this.name=`GatewayError`}},k=`/graphql`,A=e=>/\b(?:query|mutation|subscription)\s+(\w+)/.exec(e.toString())?.[1]??`anonymous`,j=class{token;onResponse;sse;constructor(e,t){this.token=e,this.onResponse=t,this.sse=C({url:k,headers:()=>this.auth(),retryAttempts:3})}async request(e,t){let n=await fetch(k,{method:`POST`,headers:{...this.auth(),"content-type":`application/json`,accept:`application/graphql-response+json, application/json`},body:JSON.stringify({query:e.toString(),variables:t})});return this.settle(e,await N(n))}async upload(e,t){let n=[],r=JSON.stringify({query:e.toString(),variables:M(t,`variables`,n)}),i=new FormData;i.set(`operations`,r),i.set(`map`,JSON.stringify(Object.fromEntries(n.map(([e],t)=>[String(t),[e]])))),n.forEach(([,e],t)=>i.set(String(t),e,e.name));let a=await fetch(k,{method:`POST`,headers:{...this.auth(),"apollo-require-preflight":`true`},body:i});return this.settle(e,await N(a))}subscribe(e,t,n){return this.sse.subscribe({query:e.toString(),variables:t},{next:t=>{let r;try{r=this.settle(e,t)}catch(e){return n.onError(e)}n.onData(r)},error:e=>n.onError(e instanceof Error?e:new O(P(e))),complete:()=>n.onComplete?.()})}auth(){return{authorization:`Bearer ${this.token}`}}settle(e,t){this.onResponse(A(e),t);let n=t.errors?.[0];if(n)throw new O(n.message,typeof n.extensions?.code==`string`?n.extensions.code:void 0);if(t.data===void 0||t.data===null)throw new O(`the response carried no data`);return t.data}};function M(e,t,n){return e instanceof File?(n.push([t,e]),null):Array.isArray(e)?e.map((e,r)=>M(e,`${t}.${r}`,n)):e&&typeof e==`object`?Object.fromEntries(Object.entries(e).map(([e,r])=>[e,M(r,`${t}.${e}`,n)])):e}async function N(e){if(!(e.headers.get(`content-type`)??``).includes(`json`))throw new O(`the gateway answered HTTP ${e.status}`);return await e.json()}function P(e){return Array.isArray(e)?e.map(e=>e.message??String(e)).join(`; `):e&&typeof e==`object`&&`status`in e?`the subscription stream answered HTTP ${String(e.status)}`:String(e)}async function F(){let e=await fetch(`/demo/settings.json`);if(!e.ok)throw Error(`settings answered HTTP ${e.status}`);return await e.json()}async function I(e){if(e.demoToken){let e=await fetch(`/sandbox/demo-token`,{method:`POST`});if(!e.ok)throw Error(`demo-token answered HTTP ${e.status}`);let{token:t,userId:n,expiresAt:r}=await e.json();return{token:t,userId:n,expiresAt:r}}let t=i(`token-form`),n=i(`token-input`);return i(`session`).textContent=`This gateway mints no demo tokens (it is not a sandbox): paste a JWT it accepts.`,t.hidden=!1,n.focus(),new Promise(e=>{t.addEventListener(`submit`,function r(i){i.preventDefault();let a=n.value.trim();a&&(t.removeEventListener(`submit`,r),t.hidden=!0,e({token:a,userId:L(a)??`the token’s user`}))})})}function L(e){try{let t=e.split(`.`)[1]??``,n=atob(t.replace(/-/g,`+`).replace(/_/g,`/`)),r=JSON.parse(n).sub;return typeof r==`string`?r:void 0}catch{return}}var R=n(`
  query DemoGalleryPoses($first: Int!) {
    poses(provider: ZEPETO, kind: STILL, first: $first) {
      nodes { id key }
    }
  }
`),z=n(`
  query DemoGalleryImages($id: ID!, $poses: [ID!]!) {
    avatar(id: $id) {
      ... on ZepetoAvatar {
        images(poses: $poses, quality: W240) { id url width height pose { key } }
      }
    }
  }
`);async function B(e,t){return(await e.request(R,{first:t})).poses.nodes.map(e=>e.id)}var V=2;async function*H(e,t,n){for(let r=0;r<n.length;r+=V){let i=await e.request(z,{id:t,poses:n.slice(r,r+V)}),a=i.avatar&&`images`in i.avatar?i.avatar.images:[];for(let e of a)e.url&&(yield{id:e.id,key:e.pose.key,url:e.url,width:e.width,height:e.height??null})}}var U=n(`
  mutation DemoConnectZepeto {
    connectZepetoAccount {
      __typename
      ... on ConnectZepetoAccountSuccess { session { id url status } }
      ... on Error { message code }
    }
  }
`),W=n(`
  subscription DemoZepetoConnection($sessionId: ID!) {
    zepetoConnectionUpdated(sessionId: $sessionId) {
      id
      status
      avatars { id zepetoId }
    }
  }
`),G=8;function K(e){let t=r(`demo-zepeto-connect`),n=r(`demo-zepeto-complete`),o=r(`demo-zepeto-status`),l=i(`zepeto-url`),u=r(`demo-gallery`),d;t.disabled=!1,t.addEventListener(`click`,async()=>{t.disabled=!0,a(o,`STARTING`,`busy`);try{let{connectZepetoAccount:r}=await e.request(U,{});if(r.__typename!==`ConnectZepetoAccountSuccess`){a(o,r.message,`bad`),t.disabled=!1;return}d=r.session.id,l.textContent=r.session.url,l.classList.remove(`muted`),n.disabled=!1,f(d)}catch(e){a(o,c(e),`bad`),t.disabled=!1}}),n.addEventListener(`click`,async()=>{if(d){n.disabled=!0;try{let e=await fetch(`/sandbox/render-it/sandbox/auth/${encodeURIComponent(d)}/complete`,{method:`POST`});s(`sandbox login completed (HTTP ${e.status})`,e.ok?`ok`:`bad`),e.ok||(n.disabled=!1)}catch(e){s(`sandbox login: ${c(e)}`,`bad`),n.disabled=!1}}});function f(r){e.subscribe(W,{sessionId:r},{onData:({zepetoConnectionUpdated:e})=>{let r=e.avatars.map(e=>e.zepetoId).join(`, `),i=e.status===`CONNECTED`?`ok`:e.status===`EXPIRED`?`bad`:`busy`;a(o,r?`${e.status} · ${r}`:e.status,i),e.status===`EXPIRED`&&(n.disabled=!0,t.disabled=!1);let l=e.avatars[0];e.status===`CONNECTED`&&l&&(n.disabled=!0,p(l.id).catch(e=>s(`gallery: ${c(e)}`,`bad`)))},onError:e=>a(o,c(e),`bad`)})}async function p(t){u.replaceChildren();let n=await B(e,G);for await(let r of H(e,t,n)){let e=document.createElement(`img`);e.src=r.url,e.alt=`ZEPETO avatar in pose ${r.key}`,e.title=r.key,e.width=r.width,r.height&&(e.height=r.height),u.append(e)}}}async function q(){let e=await F();i(`mode`).textContent=e.demoToken?`sandbox`:`demo`,i(`graphiql-link`).hidden=!e.graphiql,e.sandboxZepetoLogin||(r(`demo-zepeto-complete`).hidden=!0,i(`zepeto-note`).textContent=`Render-it is live here: show the link as a QR code and log in with the ZEPETO app.`);let t=await I(e),n=t.expiresAt?new Date(t.expiresAt).toLocaleTimeString([],{hour:`2-digit`,minute:`2-digit`,hour12:!1}):void 0;i(`session`).textContent=n?`Signed in as ${t.userId}, a fresh demo user (a sandbox token, valid until ${n}).`:`Using the pasted token (user ${t.userId}).`;let a=new g(r(`demo-cost`)),o=new j(t.token,(e,t)=>{t.extensions?.cost&&a.add(t.extensions.cost);let n=t.errors?.[0],r=t.extensions?.cost?`, ${t.extensions.cost.images} images`:``;s(n?`${e}: ${n.message}`:`${e}${r}`,n?`bad`:`idle`)});h(o),K(o)}q().catch(e=>{i(`session`).textContent=`The demo could not start: ${c(e)}`});