export async function fetchApi(){} export async function next(){} export async function lambda(){} export async function config(){}
